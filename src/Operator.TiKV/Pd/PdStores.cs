namespace Operator.TiKV.Pd;

/// <summary>
/// Answer of <c>GET /pd/api/v1/stores</c> (Up, Disconnected, Down and Offline stores; Tombstones hidden). A store
/// entry that cannot be read is left out and described in <see cref="Problems"/>; the others are kept.
/// </summary>
public sealed record PdStores
{
    /// <summary>PD's <c>count</c>.</summary>
    public int Count { get; init; }

    public IReadOnlyList<PdStoreInfo> Stores { get; init; } = [];

    /// <summary>One line per unreadable store entry: <c>stores[1] (id 4): status.leader_count: …</c>.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
