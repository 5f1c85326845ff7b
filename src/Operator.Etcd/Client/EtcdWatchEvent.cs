using System.Text.Json.Serialization;

namespace Operator.Etcd.Client;

/// <summary>One change delivered on a watch stream. etcd omits the type for puts, so it defaults to <c>PUT</c>.</summary>
public sealed record EtcdWatchEvent
{
    [JsonPropertyName("type")]
    public string Type { get; init => field = value ?? "PUT"; } = "PUT";

    [JsonPropertyName("kv")]
    public EtcdKeyValue Kv { get; init => field = value ?? new(); } = new();

    [JsonPropertyName("prev_kv")]
    public EtcdKeyValue? PrevKv { get; init; }
}
