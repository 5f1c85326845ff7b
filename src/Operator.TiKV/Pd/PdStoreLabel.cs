using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>One store label (<c>{"key":"zone","value":"z1"}</c>).</summary>
public sealed record PdStoreLabel
{
    [JsonPropertyName("key")]
    public string Key { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("value")]
    public string Value { get; init => field = value ?? ""; } = "";
}
