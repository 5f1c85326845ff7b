using System.Globalization;

namespace Operator.Core.Time;

/// <summary>Parses human durations used in flags and config: <c>500ms</c>, <c>2s</c>, <c>1.5s</c>, <c>5m</c>, <c>1h</c>, or bare seconds (<c>0.5</c>).</summary>
public static class DurationText
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToLowerInvariant();
        var (number, scale) = s switch
        {
            _ when s.EndsWith("ms", StringComparison.Ordinal) => (s[..^2], 0.001),
            _ when s.EndsWith('s') => (s[..^1], 1.0),
            _ when s.EndsWith('m') => (s[..^1], 60.0),
            _ when s.EndsWith('h') => (s[..^1], 3600.0),
            _ => (s, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || double.IsNaN(n) || double.IsInfinity(n))
        {
            return false;
        }

        value = TimeSpan.FromSeconds(n * scale);
        return true;
    }

    public static string Format(TimeSpan value) => value.TotalSeconds switch
    {
        0 => "0s",
        < 1 => $"{value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}ms",
        < 120 => $"{value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s",
        < 7200 => $"{value.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)}m",
        _ => $"{value.TotalHours.ToString("0.##", CultureInfo.InvariantCulture)}h",
    };
}
