using System.Globalization;
using System.Text.RegularExpressions;

namespace Operator.TiKV.Pd;

/// <summary>
/// Byte sizes as PD prints them (docker/go-units <c>BytesSize</c>): binary units, at most four significant digits,
/// no space: <c>"0B"</c>, <c>"96.52MiB"</c>, <c>"1.598TiB"</c>. A space before the unit (older docs) is accepted too.
/// </summary>
public static partial class GoByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>The size in bytes (rounded; PD rounds to four digits anyway), or null when the text is not a size.</summary>
    public static long? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var match = SizePattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups[1].ValueSpan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var bytes = number * Math.Pow(1024, Array.IndexOf(Units, match.Groups[2].Value));
        return bytes < long.MaxValue ? (long)Math.Round(bytes) : null;
    }

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?) ?(B|KiB|MiB|GiB|TiB|PiB|EiB)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
