using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>One store as PD lists it: <c>{"store": …, "status": …}</c>.</summary>
public sealed record PdStoreInfo
{
    [JsonPropertyName("store")]
    public PdStoreMeta Store { get; init => field = value ?? new PdStoreMeta(); } = new();

    [JsonPropertyName("status")]
    public PdStoreStatus Status { get; init => field = value ?? PdStoreStatus.Empty; } = PdStoreStatus.Empty;
}
