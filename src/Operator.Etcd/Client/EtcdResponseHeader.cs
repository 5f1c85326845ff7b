using System.Text.Json.Serialization;

namespace Operator.Etcd.Client;

/// <summary>The <c>header</c> every etcd v3 answer carries; zero means the field was omitted.</summary>
public sealed record EtcdResponseHeader
{
    public static EtcdResponseHeader Empty { get; } = new();

    [JsonPropertyName("cluster_id")]
    public ulong ClusterId { get; init; }

    [JsonPropertyName("member_id")]
    public ulong MemberId { get; init; }

    [JsonPropertyName("revision")]
    public long Revision { get; init; }

    [JsonPropertyName("raft_term")]
    public long RaftTerm { get; init; }
}
