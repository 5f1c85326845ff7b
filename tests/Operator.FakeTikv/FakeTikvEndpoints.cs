using System.Text.Json;
using System.Text.Json.Serialization;

namespace Operator.FakeTikv;

/// <summary>Where a fake cluster listens; the executable prints it as one JSON line.</summary>
public sealed record FakeTikvEndpoints(
    [property: JsonPropertyName("pd")] IReadOnlyList<string> Pd,
    [property: JsonPropertyName("prometheus")] string Prometheus,
    [property: JsonPropertyName("stores")] IReadOnlyList<FakeTikvEndpoints.StoreEndpoint> Stores)
{
    public string ToJsonLine() => JsonSerializer.Serialize(this);

    public static FakeTikvEndpoints FromJson(string json) =>
        JsonSerializer.Deserialize<FakeTikvEndpoints>(json) ?? throw new JsonException("empty endpoints line");

    /// <summary>One store: PD id, Operator's node name, status server (<c>status_address</c>) and gRPC address.</summary>
    public sealed record StoreEndpoint(
        [property: JsonPropertyName("id")] ulong Id,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("statusAddress")] string StatusAddress,
        [property: JsonPropertyName("address")] string Address);
}
