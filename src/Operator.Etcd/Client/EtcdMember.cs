using System.Text.Json.Serialization;

namespace Operator.Etcd.Client;

/// <summary>One entry of the member list. Members that have not started yet have no name and no client URLs.</summary>
public sealed record EtcdMember
{
    [JsonPropertyName("ID")]
    public ulong Id { get; init; }

    [JsonPropertyName("name")]
    public string Name { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("peerURLs")]
    public IReadOnlyList<string> PeerUrls { get; init => field = value ?? []; } = [];

    [JsonPropertyName("clientURLs")]
    public IReadOnlyList<string> ClientUrls { get; init => field = value ?? []; } = [];

    [JsonPropertyName("isLearner")]
    public bool IsLearner { get; init; }

    /// <summary>The id as etcd prints it in logs and metric labels.</summary>
    [JsonIgnore]
    public string HexId => Id.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
