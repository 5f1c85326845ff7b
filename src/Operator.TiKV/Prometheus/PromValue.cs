using System.Globalization;

namespace Operator.TiKV.Prometheus;

/// <summary>Sample values as Prometheus sends them: strings, including <c>"NaN"</c>, <c>"+Inf"</c> and <c>"-Inf"</c>.</summary>
public static class PromValue
{
    public static double? Parse(string? text) => text switch
    {
        null => null,
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null,
    };
}
