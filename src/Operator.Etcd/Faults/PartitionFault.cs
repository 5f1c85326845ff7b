using Operator.Core.Faults;
using Operator.Etcd.Diagnosing;
using Operator.Etcd.Local;
using Operator.Etcd.Local.Network;
using FaultPlan = Operator.Core.Faults.FaultPlan;

namespace Operator.Etcd.Faults;

/// <summary>
/// One member cut off from its peers: the fault proxy cuts every peer connection to and from it and closes new ones,
/// while the process runs and its client port still answers. Reverted by healing; it catches up by itself.
/// </summary>
internal sealed class PartitionFault : IFault
{
    private readonly EtcdFaultTargets _targets;
    private readonly TimeProvider _time;

    public PartitionFault(EtcdFaultTargets targets, TimeProvider time)
    {
        _targets = targets;
        _time = time;
    }

    public string Name => "partition";

    public string Description => "cut one member off from its peers through the fault proxy (it keeps running and answering clients); revert heals it";

    public string Cause => EtcdCauses.NetworkPartition;

    public string Invariant => "member_isolated";

    public string? DefaultTarget => ChaosTarget.RandomKeyword;

    public async Task<FaultPlan> PlanAsync(string? target, CancellationToken cancellationToken)
    {
        PeerNetworkFaults.RequireProxy(_targets.Cluster, Name);
        return FaultPlan.For(Name, await _targets.ResolveAsync(target ?? ChaosTarget.RandomKeyword, cancellationToken).ConfigureAwait(false));
    }

    public async Task<DateTimeOffset> InjectAsync(FaultPlan plan, CancellationToken cancellationToken)
    {
        await PeerNetworkFaults.AddAsync(_targets.Cluster, NetworkFault.Partition(plan.Node!), cancellationToken).ConfigureAwait(false);
        return _time.GetUtcNow();
    }

    public Task RevertAsync(FaultPlan plan, CancellationToken cancellationToken) =>
        PeerNetworkFaults.RemoveAsync(_targets.Cluster, plan.Node!, cancellationToken);
}
