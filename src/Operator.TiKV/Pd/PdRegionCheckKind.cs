namespace Operator.TiKV.Pd;

/// <summary>The region checks PD's leader keeps statistics for (<c>GET /pd/api/v1/regions/check/{kind}</c>).</summary>
public enum PdRegionCheckKind
{
    /// <summary>Fewer replicas than placement rules want.</summary>
    MissPeer,

    /// <summary>The leader reports a replica silent for TiKV's max-peer-down-duration (10 min by default).</summary>
    DownPeer,

    /// <summary>The leader reports a lagging replica (needs log or a snapshot).</summary>
    PendingPeer,

    /// <summary>A replica sits on an Offline (Removing) store.</summary>
    OfflinePeer,

    /// <summary>More replicas than wanted.</summary>
    ExtraPeer,
}

/// <summary>Wire names of <see cref="PdRegionCheckKind"/>.</summary>
public static class PdRegionCheckKinds
{
    public static IReadOnlyList<PdRegionCheckKind> All { get; } =
        [PdRegionCheckKind.MissPeer, PdRegionCheckKind.DownPeer, PdRegionCheckKind.PendingPeer, PdRegionCheckKind.OfflinePeer, PdRegionCheckKind.ExtraPeer];

    /// <summary>The path segment: <c>miss-peer</c>, <c>down-peer</c>, <c>pending-peer</c>, <c>offline-peer</c>, <c>extra-peer</c>.</summary>
    public static string WireName(this PdRegionCheckKind kind) => kind switch
    {
        PdRegionCheckKind.MissPeer => "miss-peer",
        PdRegionCheckKind.DownPeer => "down-peer",
        PdRegionCheckKind.PendingPeer => "pending-peer",
        PdRegionCheckKind.OfflinePeer => "offline-peer",
        PdRegionCheckKind.ExtraPeer => "extra-peer",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown region check"),
    };
}
