using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>Answer of <c>GET /pd/api/v1/regions/count</c>: <c>{"count": n, "regions": null}</c>.</summary>
public sealed record PdRegionCount
{
    [JsonPropertyName("count")]
    [JsonRequired]
    public long Count { get; init; }
}
