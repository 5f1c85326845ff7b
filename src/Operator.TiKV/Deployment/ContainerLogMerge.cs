using Operator.TiKV.Logs;

namespace Operator.TiKV.Deployment;

/// <summary>
/// Interleaves a container's stdout and stderr lines by their unified-log timestamps (PD logs to stdout, TiKV to
/// stderr, and a process may use both); each stream keeps its own order, and a line without a timestamp stays
/// after the line before it in its stream.
/// </summary>
internal static class ContainerLogMerge
{
    public static IReadOnlyList<string> Merge(string stdout, string stderr)
    {
        var first = Keyed(stdout);
        var second = Keyed(stderr);
        var merged = new List<string>(first.Count + second.Count);
        int i = 0, j = 0;
        while (i < first.Count && j < second.Count)
        {
            merged.Add(first[i].At <= second[j].At ? first[i++].Line : second[j++].Line);
        }

        merged.AddRange(first.Skip(i).Select(k => k.Line));
        merged.AddRange(second.Skip(j).Select(k => k.Line));
        return merged;
    }

    private static List<(DateTimeOffset At, string Line)> Keyed(string text)
    {
        var keyed = new List<(DateTimeOffset, string)>();
        var at = DateTimeOffset.MinValue;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            at = UnifiedLogParser.Parse(line)?.At ?? at;
            keyed.Add((at, line));
        }

        return keyed;
    }
}
