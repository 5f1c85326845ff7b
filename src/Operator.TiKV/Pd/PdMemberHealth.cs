using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>One entry of <c>GET /pd/api/v1/health</c>: <see cref="Health"/> is whether that member answered PD's own ping.</summary>
public sealed record PdMemberHealth
{
    [JsonPropertyName("name")]
    public string Name { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("member_id")]
    public ulong MemberId { get; init; }

    [JsonPropertyName("client_urls")]
    public IReadOnlyList<string> ClientUrls { get; init => field = value ?? []; } = [];

    [JsonPropertyName("health")]
    public bool Health { get; init; }
}
