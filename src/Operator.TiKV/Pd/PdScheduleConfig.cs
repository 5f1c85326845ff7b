using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>
/// The settings of <c>GET /pd/api/v1/config/schedule</c> the operator reasons about. Booleans are strings on the
/// wire (<c>"true"</c>), durations Go duration strings (parsed by the <c>…Span</c> properties); a limit of 0
/// disables that kind of scheduling.
/// </summary>
public sealed record PdScheduleConfig
{
    [JsonPropertyName("max-snapshot-count")]
    public long MaxSnapshotCount { get; init; }

    [JsonPropertyName("max-pending-peer-count")]
    public long MaxPendingPeerCount { get; init; }

    [JsonPropertyName("max-merge-region-size")]
    public long MaxMergeRegionSize { get; init; }

    [JsonPropertyName("max-merge-region-keys")]
    public long MaxMergeRegionKeys { get; init; }

    [JsonPropertyName("split-merge-interval")]
    public string SplitMergeInterval { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("patrol-region-interval")]
    public string PatrolRegionInterval { get; init => field = value ?? ""; } = "";

    /// <summary>How long without a heartbeat before PD calls a store Down (<c>30m0s</c> by default).</summary>
    [JsonPropertyName("max-store-down-time")]
    public string MaxStoreDownTime { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("max-store-preparing-time")]
    public string MaxStorePreparingTime { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("leader-schedule-limit")]
    public long LeaderScheduleLimit { get; init; }

    [JsonPropertyName("leader-schedule-policy")]
    public string LeaderSchedulePolicy { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("region-schedule-limit")]
    public long RegionScheduleLimit { get; init; }

    [JsonPropertyName("replica-schedule-limit")]
    public long ReplicaScheduleLimit { get; init; }

    [JsonPropertyName("merge-schedule-limit")]
    public long MergeScheduleLimit { get; init; }

    [JsonPropertyName("hot-region-schedule-limit")]
    public long HotRegionScheduleLimit { get; init; }

    [JsonPropertyName("hot-region-cache-hits-threshold")]
    public long HotRegionCacheHitsThreshold { get; init; }

    [JsonPropertyName("tolerant-size-ratio")]
    public double TolerantSizeRatio { get; init; }

    /// <summary>A store is low on space when <c>available/capacity &lt; 1 − low-space-ratio</c>.</summary>
    [JsonPropertyName("low-space-ratio")]
    public double LowSpaceRatio { get; init; }

    [JsonPropertyName("high-space-ratio")]
    public double HighSpaceRatio { get; init; }

    [JsonPropertyName("enable-remove-down-replica")]
    [JsonConverter(typeof(GoStringBoolConverter))]
    public bool EnableRemoveDownReplica { get; init; }

    [JsonPropertyName("enable-replace-offline-replica")]
    [JsonConverter(typeof(GoStringBoolConverter))]
    public bool EnableReplaceOfflineReplica { get; init; }

    [JsonPropertyName("enable-make-up-replica")]
    [JsonConverter(typeof(GoStringBoolConverter))]
    public bool EnableMakeUpReplica { get; init; }

    [JsonPropertyName("enable-remove-extra-replica")]
    [JsonConverter(typeof(GoStringBoolConverter))]
    public bool EnableRemoveExtraReplica { get; init; }

    [JsonIgnore]
    public TimeSpan? MaxStoreDownTimeSpan => GoDuration.Parse(MaxStoreDownTime);

    [JsonIgnore]
    public TimeSpan? PatrolRegionIntervalSpan => GoDuration.Parse(PatrolRegionInterval);

    [JsonIgnore]
    public TimeSpan? SplitMergeIntervalSpan => GoDuration.Parse(SplitMergeInterval);
}
