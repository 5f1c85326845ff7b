using System.Globalization;
using System.Text;

namespace Operator.FakeTikv.Wire;

/// <summary>
/// Numbers as the Prometheus HTTP API writes them: sample values as strings in Go's shortest non-exponent form
/// (<c>"0.0123"</c>, <c>"NaN"</c>, <c>"+Inf"</c>), timestamps as seconds with up to three decimals.
/// </summary>
public static class PromFloat
{
    public static string Value(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsPositiveInfinity(value))
        {
            return "+Inf";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-Inf";
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOfAny(['E', 'e']);
        return e < 0 ? shortest : ExpandExponent(shortest[..e], int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>Milliseconds since the epoch written as seconds: <c>1769336131.123</c>, <c>1769336131</c>.</summary>
    public static string Timestamp(long unixMilliseconds)
    {
        var sign = unixMilliseconds < 0 ? "-" : "";
        var ms = Math.Abs(unixMilliseconds);
        var fraction = ms % 1000;
        return fraction == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{ms / 1000}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{ms / 1000}.{fraction:000}");
    }

    private static string ExpandExponent(string mantissa, int exponent)
    {
        var negative = mantissa.StartsWith('-');
        var digits = mantissa.TrimStart('-');
        var dot = digits.IndexOf('.', StringComparison.Ordinal);
        var integerDigits = dot < 0 ? digits.Length : dot;
        var allDigits = digits.Replace(".", "", StringComparison.Ordinal);
        var point = integerDigits + exponent;
        var text = new StringBuilder(negative ? "-" : "");
        if (point <= 0)
        {
            text.Append("0.").Append('0', -point).Append(allDigits);
        }
        else if (point >= allDigits.Length)
        {
            text.Append(allDigits).Append('0', point - allDigits.Length);
        }
        else
        {
            text.Append(allDigits, 0, point).Append('.').Append(allDigits, point, allDigits.Length - point);
        }

        return text.ToString();
    }
}
