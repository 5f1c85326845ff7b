using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Operator.Core.Diagnosis;

namespace Operator.Etcd.Diagnosing;

/// <summary>
/// Parses an etcd member's zap JSON log and its captured stderr (capnslog and raw lines) into <see cref="LogLine"/>s.
/// Garbage is skipped, never thrown; files are read from the end only, because logs grow forever.
/// </summary>
public static partial class ZapLogParser
{
    /// <summary>How much of a file's end is read by default.</summary>
    public const int DefaultTailBytes = 256 * 1024;

    public const string LogSource = "log";
    public const string StderrSource = "stderr";

    private static readonly Dictionary<char, string> CapnslogLevels = new()
    {
        ['D'] = "debug",
        ['I'] = "info",
        ['N'] = "notice",
        ['W'] = "warn",
        ['E'] = "error",
        ['C'] = "critical",
        ['P'] = "panic",
    };

    /// <summary>One zap JSON line, or null when it is not a JSON object with a <c>msg</c>.</summary>
    public static LogLine? ParseZap(string line, string node)
    {
        if (string.IsNullOrWhiteSpace(line) || line.TrimStart()[0] != '{')
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("msg", out var msg))
            {
                return null;
            }

            string level = "info";
            DateTimeOffset? at = null;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "msg":
                        break;
                    case "level":
                        level = Text(property.Value);
                        break;
                    case "ts":
                        at = ParseTimestamp(property.Value);
                        break;
                    default:
                        fields[property.Name] = Text(property.Value);
                        break;
                }
            }

            return new LogLine(at, node, level, Text(msg), fields, LogSource);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// One captured stderr line: capnslog (<c>2026-11-24 06:58:32.653123 W | pkg: text</c>), a zap JSON line
    /// written to stderr, or any other non-empty line as-is (level <c>unknown</c>, no time).
    /// </summary>
    public static LogLine? ParseStderr(string line, string node)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        var trimmed = line.Trim();
        if (trimmed.Any(c => char.IsControl(c) && c != '\t'))
        {
            return null; // binary garbage
        }

        if (trimmed[0] == '{' && ParseZap(trimmed, node) is { } zap)
        {
            return zap with { Source = StderrSource };
        }

        var match = Capnslog().Match(trimmed);
        if (match.Success
            && DateTime.TryParseExact(match.Groups["ts"].Value, ["yyyy-MM-dd HH:mm:ss.FFFFFF", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var ts))
        {
            var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["package"] = match.Groups["pkg"].Value };
            var level = CapnslogLevels.GetValueOrDefault(match.Groups["level"].Value[0], "unknown");
            return new LogLine(TruncateToMilliseconds(new DateTimeOffset(ts, TimeSpan.Zero)), node, level, match.Groups["msg"].Value.Trim(), fields, StderrSource);
        }

        return new LogLine(null, node, "unknown", trimmed, new Dictionary<string, string>(StringComparer.Ordinal), StderrSource);
    }

    /// <summary>The parsed lines of the last <paramref name="tailBytes"/> of a zap log; empty when the file is missing.</summary>
    public static IReadOnlyList<LogLine> ReadZapTail(string path, string node, int tailBytes = DefaultTailBytes) =>
        ReadTailLines(path, tailBytes).Select(l => ParseZap(l, node)).OfType<LogLine>().ToList();

    /// <summary>The parsed lines of the last <paramref name="tailBytes"/> of a captured stderr file.</summary>
    public static IReadOnlyList<LogLine> ReadStderrTail(string path, string node, int tailBytes = DefaultTailBytes) =>
        ReadTailLines(path, tailBytes).Select(l => ParseStderr(l, node)).OfType<LogLine>().ToList();

    /// <summary>Whole lines from the last <paramref name="tailBytes"/> of a file (a partial first line is dropped).</summary>
    public static IReadOnlyList<string> ReadTailLines(string path, int tailBytes = DefaultTailBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tailBytes);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = stream.Length;
            var start = Math.Max(0, length - tailBytes);
            stream.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[length - start];
            var read = 0;
            while (read < buffer.Length)
            {
                var n = stream.Read(buffer, read, buffer.Length - read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            var text = Encoding.UTF8.GetString(buffer, 0, read);
            var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            if (start > 0 && lines.Count > 0)
            {
                lines.RemoveAt(0);
            }

            // The last element is empty after a final newline, or a line still being written: drop both.
            if (lines.Count > 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            return lines.Where(l => l.Length > 0).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return [];
        }
    }

    private static DateTimeOffset? ParseTimestamp(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return TruncateToMilliseconds(at.ToUniversalTime());
        }

        // zap's epoch encoder writes seconds as a number.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && seconds > 0 && seconds < 1e11)
        {
            return TruncateToMilliseconds(DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000)));
        }

        return null;
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? string.Empty,
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };

    [GeneratedRegex(@"^(?<ts>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?) (?<level>[DINWECP]) \| (?:(?<pkg>[^:|]+): )?(?<msg>.*)$")]
    private static partial Regex Capnslog();
}
