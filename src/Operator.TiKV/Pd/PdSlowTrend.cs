using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>The store's slow-trend figures (<c>status.slow_trend</c>), present only when TiKV reports them.</summary>
public sealed record PdSlowTrend
{
    [JsonPropertyName("cause_value")]
    public double CauseValue { get; init; }

    [JsonPropertyName("cause_rate")]
    public double CauseRate { get; init; }

    [JsonPropertyName("result_value")]
    public double ResultValue { get; init; }

    [JsonPropertyName("result_rate")]
    public double ResultRate { get; init; }
}
