using Operator.Core.Invariants;

namespace Operator.Etcd.Invariants;

/// <summary>The registry of etcd invariants: one per file, listed here once.</summary>
public static class EtcdInvariants
{
    /// <summary>Fresh instances (window-based invariants keep per-run history).</summary>
    public static IReadOnlyList<IInvariant> Create() =>
    [
        new MemberDownInvariant(),
        new MemberUnresponsiveInvariant(),
        new NoLeaderInvariant(),
        new QuorumLostInvariant(),
        new AlarmActiveInvariant(),
        new DbSizeNearQuotaInvariant(),
        new HighRequestLatencyInvariant(),
        new LeaderFlappingInvariant(),
        new MemberIsolatedInvariant(),
        new PeerLatencyHighInvariant(),
    ];
}
