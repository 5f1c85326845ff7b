using System.Text.Json.Serialization;

namespace Operator.Etcd.Client;

/// <summary>Answer of <c>POST /v3/kv/put</c>; <see cref="Header"/>.Revision is the revision of the write.</summary>
public sealed record EtcdPutResponse
{
    [JsonPropertyName("header")]
    public EtcdResponseHeader Header { get; init => field = value ?? EtcdResponseHeader.Empty; } = EtcdResponseHeader.Empty;

    [JsonPropertyName("prev_kv")]
    public EtcdKeyValue? PrevKv { get; init; }
}
