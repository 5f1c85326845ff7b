using System.Globalization;

namespace Operator.TiKV.Pd;

/// <summary>Go duration strings as PD prints them: <c>"30m0s"</c>, <c>"4m50.961171958s"</c>, <c>"1h0m0s"</c>, <c>"10ms"</c>, <c>"0s"</c>.</summary>
public static class GoDuration
{
    /// <summary>The duration (to .NET's 100 ns resolution), or null when the text is not a Go duration.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var s = text.AsSpan();
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s is "0")
        {
            return TimeSpan.Zero;
        }

        decimal ticks = 0;
        while (!s.IsEmpty)
        {
            var digits = 0;
            while (digits < s.Length && (char.IsAsciiDigit(s[digits]) || s[digits] == '.'))
            {
                digits++;
            }

            var units = digits;
            while (units < s.Length && !char.IsAsciiDigit(s[units]) && s[units] != '.')
            {
                units++;
            }

            if (digits == 0 || units == digits
                || !decimal.TryParse(s[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            decimal? scale = s[digits..units] switch
            {
                "ns" => 0.01m,
                "us" or "µs" or "μs" => 10m,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };
            if (scale is null)
            {
                return null;
            }

            ticks += number * scale.Value;
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                return null;
            }

            s = s[units..];
        }

        var value = TimeSpan.FromTicks((long)ticks);
        return negative ? value.Negate() : value;
    }
}
