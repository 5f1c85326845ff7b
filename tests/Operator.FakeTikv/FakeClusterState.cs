using Operator.FakeTikv.Pd;
using Operator.FakeTikv.Regions;
using Operator.FakeTikv.Tikv;

namespace Operator.FakeTikv;

/// <summary>The fake cluster as every fake server sees it: PD members, stores, regions, PD config and faults.</summary>
internal sealed class FakeClusterState
{
    private volatile bool _bootstrapped;

    public FakeClusterState(
        ulong clusterId,
        DateTimeOffset bootstrapTime,
        bool bootstrapped,
        TimeSpan maxStoreDownTime,
        PdMembership membership,
        IReadOnlyList<FakeStore> stores,
        RegionCatalog regions,
        PdFaults faults,
        TimeProvider time)
    {
        ClusterId = clusterId;
        BootstrapTime = bootstrapTime;
        _bootstrapped = bootstrapped;
        MaxStoreDownTime = maxStoreDownTime;
        Membership = membership;
        Stores = stores;
        Regions = regions;
        Faults = faults;
        Time = time;
    }

    public ulong ClusterId { get; }

    public DateTimeOffset BootstrapTime { get; private set; }

    public bool Bootstrapped => _bootstrapped;

    public TimeSpan MaxStoreDownTime { get; }

    public PdMembership Membership { get; }

    /// <summary>Stores by index.</summary>
    public IReadOnlyList<FakeStore> Stores { get; }

    public RegionCatalog Regions { get; }

    public PdFaults Faults { get; }

    public TimeProvider Time { get; }

    public void Bootstrap()
    {
        if (!_bootstrapped)
        {
            BootstrapTime = Time.GetUtcNow();
            _bootstrapped = true;
        }
    }

    public IReadOnlyList<StoreSnapshot> SnapshotStores() => Stores.Select(s => s.Snapshot()).ToList();

    public FakeStore? StoreById(ulong id) => Stores.FirstOrDefault(s => s.Id == id);
}
