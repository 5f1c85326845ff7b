using System.Buffers;
using System.Globalization;

namespace Operator.Core.Metrics;

/// <summary>
/// Parses the Prometheus text exposition format (0.0.4) into samples. Lines whose metric name the filter
/// rejects are skipped after reading the name only, without allocating; malformed lines are counted and
/// skipped, never thrown, so one bad line cannot cost a monitor cycle.
/// </summary>
public static class PrometheusTextParser
{
    public static MetricScrape Parse(string text, MetricFilter? filter = null) => Parse(text.AsSpan(), filter);

    public static MetricScrape Parse(ReadOnlySpan<char> text, MetricFilter? filter = null)
    {
        var samples = new List<MetricSample>();
        var skipped = 0;

        // Names, label names and label values repeat on almost every line: keep one string per distinct text.
        var pool = new HashSet<string>(StringComparer.Ordinal);
        var strings = pool.GetAlternateLookup<ReadOnlySpan<char>>();
        var labels = new List<MetricLabel>(8);

        while (!text.IsEmpty)
        {
            var newline = text.IndexOf('\n');
            var line = newline < 0 ? text : text[..newline];
            text = newline < 0 ? [] : text[(newline + 1)..];

            line = line.TrimStart(" \t").TrimEnd(" \t\r");
            if (line.IsEmpty || line[0] == '#')
            {
                continue; // blank, HELP, TYPE or plain comment
            }

            var nameLength = NameLength(line, allowColon: true);
            if (nameLength == 0)
            {
                skipped++;
                continue;
            }

            var name = line[..nameLength];
            if (filter is not null && !filter.Matches(name))
            {
                continue;
            }

            labels.Clear();
            if (TryParseRest(line[nameLength..], labels, strings, out var value, out var timestamp))
            {
                MetricLabel[] labelArray = labels.Count == 0 ? [] : [.. labels];
                samples.Add(new MetricSample(Intern(strings, name), labelArray, value, timestamp));
            }
            else
            {
                skipped++;
            }
        }

        return new MetricScrape(samples, skipped);
    }

    /// <summary>
    /// Parses a sample value or <c>le</c> bound as Prometheus writes it: decimal or exponent notation,
    /// <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c> (case-insensitive, <c>Inf</c>/<c>Infinity</c> accepted).
    /// </summary>
    public static bool TryParseValue(ReadOnlySpan<char> text, out double value)
    {
        if (text.Length is >= 3 and <= 9)
        {
            var unsigned = text[0] is '+' or '-' ? text[1..] : text;
            if (unsigned.Equals("Inf", StringComparison.OrdinalIgnoreCase) || unsigned.Equals("Infinity", StringComparison.OrdinalIgnoreCase))
            {
                value = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            }

            if (text.Equals("NaN", StringComparison.OrdinalIgnoreCase))
            {
                value = double.NaN;
                return true;
            }
        }

        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryParseRest(
        ReadOnlySpan<char> rest,
        List<MetricLabel> labels,
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> strings,
        out double value,
        out long? timestamp)
    {
        value = 0;
        timestamp = null;

        if (rest.IsEmpty || rest[0] is not ('{' or ' ' or '\t'))
        {
            return false; // the name must end at a label set or whitespace
        }

        rest = rest.TrimStart(" \t");
        if (!rest.IsEmpty && rest[0] == '{')
        {
            if (!TryParseLabels(ref rest, labels, strings))
            {
                return false;
            }
        }

        rest = rest.TrimStart(" \t");
        var valueToken = NextToken(ref rest);
        if (valueToken.IsEmpty || !TryParseValue(valueToken, out value))
        {
            return false;
        }

        var timestampToken = NextToken(ref rest);
        if (!timestampToken.IsEmpty)
        {
            if (!long.TryParse(timestampToken, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
            {
                return false;
            }

            timestamp = ms;
        }

        return rest.IsEmpty;
    }

    // rest starts at '{'; on success it is left just after the matching '}'.
    private static bool TryParseLabels(ref ReadOnlySpan<char> rest, List<MetricLabel> labels, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> strings)
    {
        rest = rest[1..];
        while (true)
        {
            rest = rest.TrimStart(" \t");
            if (rest.IsEmpty)
            {
                return false;
            }

            if (rest[0] == '}')
            {
                rest = rest[1..];
                return true;
            }

            var nameLength = NameLength(rest, allowColon: false);
            if (nameLength == 0)
            {
                return false;
            }

            var labelName = rest[..nameLength];
            rest = rest[nameLength..].TrimStart(" \t");
            if (rest.IsEmpty || rest[0] != '=')
            {
                return false;
            }

            rest = rest[1..].TrimStart(" \t");
            if (rest.IsEmpty || rest[0] != '"')
            {
                return false;
            }

            rest = rest[1..];
            var close = -1;
            var escaped = false;
            for (var i = 0; i < rest.Length; i++)
            {
                if (rest[i] == '\\')
                {
                    escaped = true;
                    i++;
                }
                else if (rest[i] == '"')
                {
                    close = i;
                    break;
                }
            }

            if (close < 0)
            {
                return false;
            }

            var raw = rest[..close];
            string labelValue;
            if (escaped)
            {
                var buffer = ArrayPool<char>.Shared.Rent(raw.Length);
                try
                {
                    var length = Unescape(raw, buffer);
                    if (length < 0)
                    {
                        return false;
                    }

                    labelValue = Intern(strings, buffer.AsSpan(0, length));
                }
                finally
                {
                    ArrayPool<char>.Shared.Return(buffer);
                }
            }
            else
            {
                labelValue = Intern(strings, raw);
            }

            labels.Add(new MetricLabel(Intern(strings, labelName), labelValue));

            rest = rest[(close + 1)..].TrimStart(" \t");
            if (rest.IsEmpty)
            {
                return false;
            }

            if (rest[0] == ',')
            {
                rest = rest[1..];
            }
            else if (rest[0] != '}')
            {
                return false;
            }
        }
    }

    // Label values escape only backslash, double quote and newline; anything else is malformed.
    private static int Unescape(ReadOnlySpan<char> raw, Span<char> target)
    {
        var length = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\')
            {
                if (++i >= raw.Length)
                {
                    return -1;
                }

                c = raw[i] switch
                {
                    '\\' => '\\',
                    '"' => '"',
                    'n' => '\n',
                    _ => '\0',
                };
                if (c == '\0')
                {
                    return -1;
                }
            }

            target[length++] = c;
        }

        return length;
    }

    private static ReadOnlySpan<char> NextToken(ref ReadOnlySpan<char> rest)
    {
        rest = rest.TrimStart(" \t");
        var end = rest.IndexOfAny(' ', '\t');
        var token = end < 0 ? rest : rest[..end];
        rest = end < 0 ? [] : rest[end..].TrimStart(" \t");
        return token;
    }

    private static int NameLength(ReadOnlySpan<char> text, bool allowColon)
    {
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var ok = char.IsAsciiLetter(c) || c == '_' || (allowColon && c == ':') || (i > 0 && char.IsAsciiDigit(c));
            if (!ok)
            {
                break;
            }

            i++;
        }

        return i;
    }

    private static string Intern(HashSet<string>.AlternateLookup<ReadOnlySpan<char>> strings, ReadOnlySpan<char> text)
    {
        if (!strings.TryGetValue(text, out var existing))
        {
            existing = text.ToString();
            strings.Set.Add(existing);
        }

        return existing;
    }
}
