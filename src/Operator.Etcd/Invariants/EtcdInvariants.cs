using Operator.Core.Invariants;

namespace Operator.Etcd.Invariants;

/// <summary>The registry of etcd invariants: one per file, listed here once.</summary>
public static class EtcdInvariants
{
    /// <summary>
    /// Fresh instances (window-based invariants keep per-run history). Tickets opened in one cycle get ids in this
    /// order, so the cluster-wide loss of quorum comes before the tickets of the members that caused it.
    /// </summary>
    public static IReadOnlyList<IInvariant> Create() =>
    [
        new QuorumLostInvariant(),
        new MemberDownInvariant(),
        new MemberUnresponsiveInvariant(),
        new NoLeaderInvariant(),
        new AlarmActiveInvariant(),
        new DbSizeNearQuotaInvariant(),
        new HighRequestLatencyInvariant(),
        new LeaderFlappingInvariant(),
        new MemberIsolatedInvariant(),
        new PeerLatencyHighInvariant(),
    ];
}
