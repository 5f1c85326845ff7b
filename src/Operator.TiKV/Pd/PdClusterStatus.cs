using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>Answer of <c>GET /pd/api/v1/cluster/status</c>.</summary>
public sealed record PdClusterStatus
{
    /// <summary>Null before the first TiKV bootstrapped the cluster.</summary>
    [JsonPropertyName("raft_bootstrap_time")]
    public DateTimeOffset? RaftBootstrapTime { get; init; }

    /// <summary>True once there is more than one region or the first region has all its replicas.</summary>
    [JsonPropertyName("is_initialized")]
    public bool IsInitialized { get; init; }

    /// <summary>Protobuf text rendering; opaque.</summary>
    [JsonPropertyName("replication_status")]
    public string ReplicationStatus { get; init => field = value ?? ""; } = "";
}
