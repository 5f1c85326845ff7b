using System.Globalization;
using System.Text;
using Operator.Core.Diagnosis;

namespace Operator.TiKV.Logs;

/// <summary>
/// Parses TiKV's and PD's unified log format (<c>[time] [LEVEL] [file:line] [message] [key=value] …</c>, RFC
/// "unified log format"). A message, key or value containing a byte ≤ 0x20, <c>"</c>, <c>=</c>, <c>[</c> or
/// <c>]</c> is written as a JSON string, so a <c>]</c> inside quotes does not close its bracket. Anything that is
/// not such a line gives null; nothing throws.
/// </summary>
public static class UnifiedLogParser
{
    // chrono's "%Y/%m/%d %H:%M:%S%.3f %:z" (TiKV) and Go's "2006/01/02 15:04:05.000 -07:00" (PD) are the same.
    private static readonly string[] TimeFormats = ["yyyy/MM/dd HH:mm:ss.fff zzz", "yyyy/MM/dd HH:mm:ss zzz"];

    private static readonly Dictionary<string, UnifiedLogLevel> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["FATAL"] = UnifiedLogLevel.Fatal,
        ["PANIC"] = UnifiedLogLevel.Fatal,  // zap's panic levels, in PD
        ["DPANIC"] = UnifiedLogLevel.Fatal,
        ["ERROR"] = UnifiedLogLevel.Error,
        ["WARN"] = UnifiedLogLevel.Warn,
        ["WARNING"] = UnifiedLogLevel.Warn,
        ["INFO"] = UnifiedLogLevel.Info,
        ["DEBUG"] = UnifiedLogLevel.Debug,
        ["TRACE"] = UnifiedLogLevel.Trace,
    };

    /// <summary>
    /// One line, or null when it is not a unified log line (no time, level, caller and message). Fields after the
    /// message are read up to the first malformed one, so a line cut short still gives its message.
    /// </summary>
    public static UnifiedLogLine? Parse(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        var text = line.Trim();
        var pos = 0;
        if (!TryReadSection(text, ref pos, out var time)
            || !DateTimeOffset.TryParseExact(time, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            || !TryReadSection(text, ref pos, out var levelText)
            || !Levels.TryGetValue(levelText, out var level)
            || !TryReadSection(text, ref pos, out var caller)
            || !TryReadSection(text, ref pos, out var message))
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (TryReadField(text, ref pos, out var key, out var value))
        {
            fields.TryAdd(key, value);
        }

        return new UnifiedLogLine(at, level, caller, message, fields, text);
    }

    /// <summary>The unified lines among <paramref name="lines"/>, in order; others are skipped.</summary>
    public static IReadOnlyList<UnifiedLogLine> ParseLines(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var parsed = new List<UnifiedLogLine>();
        foreach (var line in lines)
        {
            if (Parse(line) is { } p)
            {
                parsed.Add(p);
            }
        }

        return parsed;
    }

    /// <summary>
    /// Core evidence lines for a node's raw output: unified lines through <see cref="UnifiedLogLine.ToLogLine"/>,
    /// other printable lines (a Rust panic, a Go stack, a startup error) kept as-is with level <c>unknown</c> and no
    /// time, as the etcd parser keeps stderr. Blank and binary lines are skipped.
    /// </summary>
    /// <param name="lines">Raw lines, oldest first.</param>
    /// <param name="node">The Operator node whose output it is.</param>
    /// <param name="source"><see cref="UnifiedLogLine.LogSource"/> or <see cref="UnifiedLogLine.ContainerSource"/>.</param>
    public static IReadOnlyList<LogLine> ToLogLines(IEnumerable<string> lines, string node, string source = UnifiedLogLine.LogSource)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(node);
        var result = new List<LogLine>();
        foreach (var line in lines)
        {
            if (Parse(line) is { } unified)
            {
                result.Add(unified.ToLogLine(node, source));
                continue;
            }

            var trimmed = line?.Trim();
            if (string.IsNullOrEmpty(trimmed) || trimmed.Any(c => char.IsControl(c) && c != '\t'))
            {
                continue;
            }

            result.Add(new LogLine(null, node, "unknown", trimmed, new Dictionary<string, string>(StringComparer.Ordinal), source));
        }

        return result;
    }

    /// <summary>
    /// The parsed lines among the last <paramref name="maxLines"/> lines of a log file (read from its end only);
    /// empty when the file is missing or unreadable.
    /// </summary>
    public static async Task<IReadOnlyList<UnifiedLogLine>> ReadTailAsync(
        string path,
        int maxLines,
        long maxBytes = LogFileTail.DefaultMaxBytes,
        CancellationToken cancellationToken = default)
    {
        var lines = await LogFileTail.ReadLastLinesAsync(path, maxLines, maxBytes, cancellationToken).ConfigureAwait(false);
        return ParseLines(lines);
    }

    // A bracketed header or message part: "[raw]" or "[\"json\"]", after optional spaces.
    private static bool TryReadSection(string text, ref int pos, out string value)
    {
        value = string.Empty;
        var p = SkipSpaces(text, pos);
        if (p >= text.Length || text[p] != '[')
        {
            return false;
        }

        p++;
        if (p < text.Length && text[p] == '"')
        {
            if (!TryReadQuoted(text, ref p, out value) || p >= text.Length || text[p] != ']')
            {
                return false;
            }
        }
        else
        {
            var close = text.IndexOf(']', p);
            if (close < 0)
            {
                return false;
            }

            value = text[p..close];
            p = close;
        }

        pos = p + 1;
        return true;
    }

    // "[key=value]" where key and value are each raw or JSON-quoted.
    private static bool TryReadField(string text, ref int pos, out string key, out string value)
    {
        key = value = string.Empty;
        var p = SkipSpaces(text, pos);
        if (p >= text.Length || text[p] != '[')
        {
            return false;
        }

        p++;
        if (p < text.Length && text[p] == '"')
        {
            if (!TryReadQuoted(text, ref p, out key))
            {
                return false;
            }
        }
        else
        {
            var end = p;
            while (end < text.Length && text[end] is not ('=' or ']'))
            {
                end++;
            }

            key = text[p..end];
            p = end;
        }

        if (key.Length == 0 || p >= text.Length || text[p] != '=')
        {
            return false;
        }

        p++;
        if (p < text.Length && text[p] == '"')
        {
            if (!TryReadQuoted(text, ref p, out value))
            {
                return false;
            }
        }
        else
        {
            var close = text.IndexOf(']', p);
            if (close < 0)
            {
                return false;
            }

            value = text[p..close];
            p = close;
        }

        if (p >= text.Length || text[p] != ']')
        {
            return false;
        }

        pos = p + 1;
        return true;
    }

    // A JSON string starting at text[pos] == '"'; on success pos is just past the closing quote.
    private static bool TryReadQuoted(string text, ref int pos, out string value)
    {
        value = string.Empty;
        var p = pos + 1;
        var start = p;
        while (p < text.Length && text[p] is not ('"' or '\\'))
        {
            p++;
        }

        if (p >= text.Length)
        {
            return false;
        }

        if (text[p] == '"')
        {
            value = text[start..p];
            pos = p + 1;
            return true;
        }

        var sb = new StringBuilder(text, start, p - start, (p - start) + 16);
        while (p < text.Length)
        {
            var c = text[p];
            if (c == '"')
            {
                value = sb.ToString();
                pos = p + 1;
                return true;
            }

            if (c != '\\')
            {
                sb.Append(c);
                p++;
                continue;
            }

            if (p + 1 >= text.Length)
            {
                return false;
            }

            var escaped = text[p + 1];
            p += 2;
            switch (escaped)
            {
                case '"':
                case '\\':
                case '/':
                    sb.Append(escaped);
                    break;
                case 'b':
                    sb.Append('\b');
                    break;
                case 'f':
                    sb.Append('\f');
                    break;
                case 'n':
                    sb.Append('\n');
                    break;
                case 'r':
                    sb.Append('\r');
                    break;
                case 't':
                    sb.Append('\t');
                    break;
                case 'u':
                    if (p + 4 > text.Length
                        || !int.TryParse(text.AsSpan(p, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        return false;
                    }

                    sb.Append((char)code); // surrogate pairs arrive as two escapes and join up in the builder
                    p += 4;
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    private static int SkipSpaces(string text, int pos)
    {
        while (pos < text.Length && text[pos] == ' ')
        {
            pos++;
        }

        return pos;
    }
}
