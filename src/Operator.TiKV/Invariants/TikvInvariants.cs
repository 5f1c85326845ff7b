using Operator.Core.Invariants;

namespace Operator.TiKV.Invariants;

/// <summary>The registry of TiKV invariants: one per file, listed here once.</summary>
public static class TikvInvariants
{
    /// <summary>Fresh instances (some keep per-run state).</summary>
    public static IReadOnlyList<IInvariant> Create() =>
    [
        new StoreDownInvariant(),
        new PdNoLeaderInvariant(),
        new PdMemberDownInvariant(),
        RegionPeerCountInvariant.MissPeer(),
        RegionPeerCountInvariant.DownPeer(),
        new HighLatencyInvariant(),
        new LowDiskSpaceInvariant(),
        new LeaderImbalanceInvariant(),
    ];
}
