using System.Text;
using System.Text.Json;

namespace Operator.Etcd.Local;

/// <summary>Pulls a one-line reason out of the end of a member's zap log or stderr file.</summary>
internal static class LogTail
{
    private const int TailBytes = 16 * 1024;

    /// <summary>The last fatal/error/panic zap message, else the last stderr line, else null.</summary>
    public static string? FailureReason(LocalNodeSpec node, LogMark since)
    {
        var fromLog = LastLines(node.LogFile, since.LogLength).Select(ZapFailure).LastOrDefault(reason => reason is not null);
        var fromStderr = LastLines(node.StderrFile, since.StderrLength).LastOrDefault();
        var reason = fromLog ?? fromStderr;
        return reason is null ? null : Shorten(reason);
    }

    /// <summary>True when either file's tail mentions the port clash etcd exits with.</summary>
    public static bool MentionsAddressInUse(LocalNodeSpec node, LogMark since) =>
        LastLines(node.LogFile, since.LogLength).Concat(LastLines(node.StderrFile, since.StderrLength))
            .Any(line => line.Contains("address already in use", StringComparison.OrdinalIgnoreCase));

    private static string? ZapFailure(string line)
    {
        if (!line.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var level = root.TryGetProperty("level", out var l) ? l.GetString() : null;
            if (level is not ("fatal" or "panic" or "error"))
            {
                return null;
            }

            var msg = root.TryGetProperty("msg", out var m) ? m.GetString() : null;
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
            return error is null ? msg : $"{msg}: {error}";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<string> LastLines(string path, long since)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var start = Math.Max(since, stream.Length - TailBytes);
            if (start >= stream.Length)
            {
                return [];
            }

            stream.Seek(start, SeekOrigin.Begin);
            var buffer = new byte[stream.Length - start];
            stream.ReadExactly(buffer);
            var lines = Encoding.UTF8.GetString(buffer).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return start > since ? lines.Skip(1).ToList() : lines.ToList(); // the first line may be cut
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string Shorten(string text) => text.Length <= 240 ? text : text[..237] + "...";
}
