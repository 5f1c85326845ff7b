using Operator.FakeTikv.Tikv;

namespace Operator.FakeTikv.Regions;

/// <summary>
/// What region statistics need to know about the stores at one instant, by store index: silent stores lose their
/// region leaders (after 20 s, once a new leader would have been elected) and, after TiKV's max-peer-down-duration
/// (10 min), show as down peers; peers on Offline stores are offline peers.
/// </summary>
public sealed class StoreConditions
{
    /// <summary>TiKV's max-peer-down-duration: a leader reports a peer down after this much silence.</summary>
    public static readonly TimeSpan PeerDownAfter = TimeSpan.FromMinutes(10);

    private readonly ulong[] _ids;
    private readonly bool[] _silent;
    private readonly long[] _downSeconds;
    private readonly bool[] _offline;

    public StoreConditions(IReadOnlyList<StoreSnapshot> stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _ids = new ulong[stores.Count];
        _silent = new bool[stores.Count];
        _downSeconds = new long[stores.Count];
        _offline = new bool[stores.Count];
        foreach (var store in stores)
        {
            _ids[store.Index] = store.Id;
            _silent[store.Index] = store.HeartbeatAge > StoreStateRule.DisconnectAfter;
            if (store.HeartbeatAge >= PeerDownAfter && store.MetaState != MetaStoreState.Tombstone)
            {
                _downSeconds[store.Index] = (long)store.HeartbeatAge.TotalSeconds;
                AnyDown = true;
            }

            if (store.MetaState == MetaStoreState.Offline)
            {
                _offline[store.Index] = true;
                AnyOffline = true;
            }
        }
    }

    public bool AnyDown { get; }

    public bool AnyOffline { get; }

    public ulong IdOf(int storeIndex) => _ids[storeIndex];

    public bool IsSilent(int storeIndex) => _silent[storeIndex];

    /// <summary>Seconds a peer on this store has been down, or 0 while it is not yet reported down.</summary>
    public long DownSeconds(int storeIndex) => _downSeconds[storeIndex];

    public bool IsOffline(int storeIndex) => _offline[storeIndex];
}
