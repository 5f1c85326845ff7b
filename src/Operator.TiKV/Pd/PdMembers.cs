using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>Answer of <c>GET /pd/api/v1/members</c> (<c>pdpb.GetMembersResponse</c>), proxied to the PD leader.</summary>
public sealed record PdMembers
{
    [JsonPropertyName("header")]
    public PdResponseHeader Header { get; init => field = value ?? PdResponseHeader.Empty; } = PdResponseHeader.Empty;

    [JsonPropertyName("members")]
    public IReadOnlyList<PdMember> Members { get; init => field = value ?? []; } = [];

    /// <summary>The PD leader; null when the answer names none.</summary>
    [JsonPropertyName("leader")]
    public PdMember? Leader { get; init; }

    /// <summary>The leader of PD's embedded etcd (normally the same member).</summary>
    [JsonPropertyName("etcd_leader")]
    public PdMember? EtcdLeader { get; init; }
}
