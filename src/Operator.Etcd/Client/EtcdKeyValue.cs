using System.Text;
using System.Text.Json.Serialization;

namespace Operator.Etcd.Client;

/// <summary>A key-value pair as etcd returns it (key and value arrive base64-encoded and are decoded here).</summary>
public sealed record EtcdKeyValue
{
    [JsonPropertyName("key")]
    public byte[] Key { get; init => field = value ?? []; } = [];

    [JsonPropertyName("value")]
    public byte[] Value { get; init => field = value ?? []; } = [];

    [JsonPropertyName("create_revision")]
    public long CreateRevision { get; init; }

    [JsonPropertyName("mod_revision")]
    public long ModRevision { get; init; }

    [JsonPropertyName("version")]
    public long Version { get; init; }

    [JsonPropertyName("lease")]
    public long Lease { get; init; }

    [JsonIgnore]
    public string KeyText => Encoding.UTF8.GetString(Key);

    [JsonIgnore]
    public string ValueText => Encoding.UTF8.GetString(Value);
}
