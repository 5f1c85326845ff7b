using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>A PD member (protobuf <c>pdpb.Member</c>): zero values are omitted on the wire and read as zero/empty.</summary>
public sealed record PdMember
{
    [JsonPropertyName("name")]
    public string Name { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("member_id")]
    public ulong MemberId { get; init; }

    [JsonPropertyName("peer_urls")]
    public IReadOnlyList<string> PeerUrls { get; init => field = value ?? []; } = [];

    [JsonPropertyName("client_urls")]
    public IReadOnlyList<string> ClientUrls { get; init => field = value ?? []; } = [];

    [JsonPropertyName("leader_priority")]
    public int LeaderPriority { get; init; }

    [JsonPropertyName("deploy_path")]
    public string DeployPath { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("binary_version")]
    public string BinaryVersion { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("git_hash")]
    public string GitHash { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("dc_location")]
    public string DcLocation { get; init => field = value ?? ""; } = "";
}
