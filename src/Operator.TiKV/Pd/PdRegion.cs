using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>
/// One region as PD knows it from leader heartbeats. Keys are upper-case hex; sizes are MiB; the byte and key
/// counters are totals over the last heartbeat interval, not rates.
/// </summary>
public sealed record PdRegion
{
    [JsonPropertyName("id")]
    public ulong Id { get; init; }

    [JsonPropertyName("start_key")]
    public string StartKey { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("end_key")]
    public string EndKey { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("epoch")]
    public PdRegionEpoch Epoch { get; init => field = value ?? PdRegionEpoch.Empty; } = PdRegionEpoch.Empty;

    [JsonPropertyName("peers")]
    public IReadOnlyList<PdPeer> Peers { get; init => field = value ?? []; } = [];

    /// <summary>The leader PD last heard from; <see cref="PdPeer.None"/>-like (store id 0) when it knows none.</summary>
    [JsonPropertyName("leader")]
    public PdPeer Leader { get; init => field = value ?? PdPeer.None; } = PdPeer.None;

    [JsonPropertyName("down_peers")]
    public IReadOnlyList<PdDownPeer> DownPeers { get; init => field = value ?? []; } = [];

    [JsonPropertyName("pending_peers")]
    public IReadOnlyList<PdPeer> PendingPeers { get; init => field = value ?? []; } = [];

    [JsonPropertyName("cpu_usage")]
    public ulong CpuUsage { get; init; }

    [JsonPropertyName("written_bytes")]
    public ulong WrittenBytes { get; init; }

    [JsonPropertyName("read_bytes")]
    public ulong ReadBytes { get; init; }

    [JsonPropertyName("written_keys")]
    public ulong WrittenKeys { get; init; }

    [JsonPropertyName("read_keys")]
    public ulong ReadKeys { get; init; }

    /// <summary>MiB.</summary>
    [JsonPropertyName("approximate_size")]
    public long ApproximateSize { get; init; }

    [JsonPropertyName("approximate_keys")]
    public long ApproximateKeys { get; init; }

    /// <summary>
    /// False when PD names no leader (a leader without a store id). A leader on a store that is not Up is also
    /// "missing" from PD's view; that needs the store list and is the caller's to judge.
    /// </summary>
    [JsonIgnore]
    public bool HasLeader => Leader.StoreId != 0;
}
