using System.Globalization;
using System.Text.RegularExpressions;

namespace Operator.FakeTikv.Control;

/// <summary>Byte sizes on the control line: bare bytes, or a number with a binary unit (<c>250GiB</c>, <c>1.5TiB</c>, <c>512MiB</c>).</summary>
public static partial class SizeText
{
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var match = SizePattern().Match(text ?? "");
        if (!match.Success || !double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        var shift = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "" or "B" => 0,
            "KIB" => 10,
            "MIB" => 20,
            "GIB" => 30,
            "TIB" => 40,
            _ => 50,
        };
        var value = number * Math.Pow(2, shift);
        if (value < 0 || value > long.MaxValue)
        {
            return false;
        }

        bytes = (long)value;
        return true;
    }

    [GeneratedRegex("^([0-9]+(?:\\.[0-9]+)?)(B|KiB|MiB|GiB|TiB|PiB)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SizePattern();
}
