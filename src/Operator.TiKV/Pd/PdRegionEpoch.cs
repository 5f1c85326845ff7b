using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>A region's epoch: bumped by membership changes (<c>conf_ver</c>) and splits/merges (<c>version</c>).</summary>
public sealed record PdRegionEpoch
{
    public static readonly PdRegionEpoch Empty = new();

    [JsonPropertyName("conf_ver")]
    public ulong ConfVer { get; init; }

    [JsonPropertyName("version")]
    public ulong Version { get; init; }
}
