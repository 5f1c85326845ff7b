namespace Operator.FakeTikv.Regions;

/// <summary>
/// One region as PD reports it at one instant: its peers (up to four, by store index), which one leads (or none, when
/// <see cref="LeaderReplica"/> is −1) and which are down, pending or on an Offline store (bit masks over replicas).
/// A value type built on the fly; nothing keeps it.
/// </summary>
public readonly record struct RegionView(
    long Index,
    ulong Id,
    int PeerCount,
    int Store0,
    int Store1,
    int Store2,
    int Store3,
    int LeaderReplica,
    int DownMask,
    int PendingMask,
    int OfflineMask)
{
    public int StoreOf(int replica) => replica switch
    {
        0 => Store0,
        1 => Store1,
        2 => Store2,
        3 => Store3,
        _ => throw new ArgumentOutOfRangeException(nameof(replica)),
    };

    public bool IsDown(int replica) => (DownMask & (1 << replica)) != 0;

    public bool IsPending(int replica) => (PendingMask & (1 << replica)) != 0;
}
