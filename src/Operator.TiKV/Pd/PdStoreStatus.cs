using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>
/// The <c>status</c> half of a store entry. Sizes are go-units strings (parsed by the <c>…Bytes</c> properties);
/// counters PD leaves out when zero read as zero; times appear once the store has heartbeated.
/// </summary>
public sealed record PdStoreStatus
{
    public static readonly PdStoreStatus Empty = new();

    [JsonPropertyName("capacity")]
    public string Capacity { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("available")]
    public string Available { get; init => field = value ?? ""; } = "";

    /// <summary>TiKV's data size, not what fills the disk (see <see cref="DiskUsedRatio"/>).</summary>
    [JsonPropertyName("used_size")]
    public string UsedSize { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("leader_count")]
    public int LeaderCount { get; init; }

    [JsonPropertyName("leader_weight")]
    public double LeaderWeight { get; init; }

    [JsonPropertyName("leader_score")]
    public double LeaderScore { get; init; }

    /// <summary>MiB.</summary>
    [JsonPropertyName("leader_size")]
    public long LeaderSize { get; init; }

    [JsonPropertyName("region_count")]
    public int RegionCount { get; init; }

    [JsonPropertyName("region_weight")]
    public double RegionWeight { get; init; }

    [JsonPropertyName("region_score")]
    public double RegionScore { get; init; }

    /// <summary>MiB.</summary>
    [JsonPropertyName("region_size")]
    public long RegionSize { get; init; }

    [JsonPropertyName("learner_count")]
    public int LearnerCount { get; init; }

    [JsonPropertyName("witness_count")]
    public int WitnessCount { get; init; }

    [JsonPropertyName("pending_peer_count")]
    public int PendingPeerCount { get; init; }

    /// <summary>1 when healthy, up to 100; PD counts a store slow at 80 or more. 0 when not reported.</summary>
    [JsonPropertyName("slow_score")]
    public long SlowScore { get; init; }

    /// <summary>Network slow score per peer store id (v8.5.5 and later).</summary>
    [JsonPropertyName("network_slow_score")]
    public IReadOnlyDictionary<string, long> NetworkSlowScore { get; init => field = value ?? new Dictionary<string, long>(); } = new Dictionary<string, long>();

    [JsonPropertyName("slow_trend")]
    public PdSlowTrend? SlowTrend { get; init; }

    [JsonPropertyName("sending_snap_count")]
    public long SendingSnapCount { get; init; }

    [JsonPropertyName("receiving_snap_count")]
    public long ReceivingSnapCount { get; init; }

    [JsonPropertyName("is_busy")]
    public bool IsBusy { get; init; }

    [JsonPropertyName("start_ts")]
    public DateTimeOffset? StartTs { get; init; }

    [JsonPropertyName("last_heartbeat_ts")]
    public DateTimeOffset? LastHeartbeatTs { get; init; }

    /// <summary>Go duration text (<c>15m29.456789012s</c>); see <see cref="UptimeSpan"/>.</summary>
    [JsonPropertyName("uptime")]
    public string Uptime { get; init => field = value ?? ""; } = "";

    [JsonIgnore]
    public long? CapacityBytes => GoByteSize.Parse(Capacity);

    [JsonIgnore]
    public long? AvailableBytes => GoByteSize.Parse(Available);

    [JsonIgnore]
    public long? UsedBytes => GoByteSize.Parse(UsedSize);

    /// <summary>Disk use as PD's low-space logic sees it: <c>1 − available/capacity</c>; null without both sizes.</summary>
    [JsonIgnore]
    public double? DiskUsedRatio => CapacityBytes is > 0 and var capacity && AvailableBytes is { } available
        ? 1.0 - ((double)available / capacity)
        : null;

    [JsonIgnore]
    public TimeSpan? UptimeSpan => GoDuration.Parse(Uptime);
}
