using System.Text.Json.Serialization;

namespace Operator.Etcd.Client;

/// <summary>
/// Answer of <c>GET &lt;peerURL&gt;/raft/probing</c>, served by etcd's peer listener for its own prober
/// (<c>{"OK":true,"Now":"2026-11-24T10:31:07.25Z"}</c>).
/// </summary>
public sealed record EtcdProbingHealth
{
    [JsonPropertyName("OK")]
    public bool Ok { get; init; }

    /// <summary>The member's clock when it answered.</summary>
    [JsonPropertyName("Now")]
    public DateTimeOffset? Now { get; init; }
}
