using System.Text.Json.Serialization;

namespace Operator.Etcd.Client;

/// <summary>Answer of <c>POST /v3/cluster/member/list</c> (member-local). Dead or stopped members stay listed.</summary>
public sealed record EtcdMemberList
{
    [JsonPropertyName("header")]
    public EtcdResponseHeader Header { get; init => field = value ?? EtcdResponseHeader.Empty; } = EtcdResponseHeader.Empty;

    [JsonPropertyName("members")]
    public IReadOnlyList<EtcdMember> Members { get; init => field = value ?? []; } = [];
}
