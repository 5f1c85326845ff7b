using System.Globalization;

namespace Operator.Cli;

/// <summary>Parses byte sizes in flags: a plain byte count (<c>16777216</c>) or a whole number with KiB, MiB or GiB (<c>16MiB</c>).</summary>
internal static class ByteSizeText
{
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim();
        var (number, shift) = s switch
        {
            _ when s.EndsWith("KiB", StringComparison.OrdinalIgnoreCase) => (s[..^3], 10),
            _ when s.EndsWith("MiB", StringComparison.OrdinalIgnoreCase) => (s[..^3], 20),
            _ when s.EndsWith("GiB", StringComparison.OrdinalIgnoreCase) => (s[..^3], 30),
            _ => (s, 0),
        };
        if (!long.TryParse(number.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > (long.MaxValue >> shift))
        {
            return false;
        }

        bytes = n << shift;
        return true;
    }

    /// <summary>The size in the largest binary unit that divides it (16MiB), else in bytes.</summary>
    public static string Format(long bytes) => bytes switch
    {
        > 0 when bytes % (1L << 30) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 30}GiB"),
        > 0 when bytes % (1L << 20) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20}MiB"),
        > 0 when bytes % (1L << 10) == 0 => string.Create(CultureInfo.InvariantCulture, $"{bytes >> 10}KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
