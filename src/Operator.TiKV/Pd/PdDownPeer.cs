using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>A replica the region leader reports silent (after TiKV's <c>max-peer-down-duration</c>, 10 min).</summary>
public sealed record PdDownPeer
{
    [JsonPropertyName("peer")]
    public PdPeer Peer { get; init => field = value ?? PdPeer.None; } = PdPeer.None;

    [JsonPropertyName("down_seconds")]
    public ulong DownSeconds { get; init; }
}
