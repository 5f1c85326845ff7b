using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>The protobuf response header PD puts on member answers.</summary>
public sealed record PdResponseHeader
{
    public static readonly PdResponseHeader Empty = new();

    /// <summary>Above 2^53: read as <see cref="ulong"/>, never as a double.</summary>
    [JsonPropertyName("cluster_id")]
    public ulong ClusterId { get; init; }
}
