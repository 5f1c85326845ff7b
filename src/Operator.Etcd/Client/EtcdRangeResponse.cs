using System.Text.Json.Serialization;

namespace Operator.Etcd.Client;

/// <summary>Answer of <c>POST /v3/kv/range</c>. <see cref="Count"/> is the total in range, not the number returned.</summary>
public sealed record EtcdRangeResponse
{
    [JsonPropertyName("header")]
    public EtcdResponseHeader Header { get; init => field = value ?? EtcdResponseHeader.Empty; } = EtcdResponseHeader.Empty;

    [JsonPropertyName("kvs")]
    public IReadOnlyList<EtcdKeyValue> Kvs { get; init => field = value ?? []; } = [];

    [JsonPropertyName("count")]
    public long Count { get; init; }

    [JsonPropertyName("more")]
    public bool More { get; init; }
}
