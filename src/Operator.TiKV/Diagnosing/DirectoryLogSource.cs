using Operator.Core.Diagnosis;
using Operator.TiKV.Logs;

namespace Operator.TiKV.Diagnosing;

/// <summary>
/// Log files in one directory (<c>--log-dir</c>), found by node name (<c>store4.log</c>, <c>pd0.log</c>) or, for a
/// store, by the host of its address (<c>tikv1.log</c> for <c>tikv1:20160</c>); the tail is read from the end, never
/// the whole file.
/// </summary>
public sealed class DirectoryLogSource : ITikvLogSource
{
    private readonly string _directory;

    public DirectoryLogSource(string directory) => _directory = directory;

    public async Task<IReadOnlyList<LogLine>> TailAsync(string node, int lines, IReadOnlyDictionary<long, string> storeAddresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storeAddresses);
        foreach (var name in Candidates(node, storeAddresses))
        {
            var path = Path.Combine(_directory, name + ".log");
            if (File.Exists(path))
            {
                var tail = await LogFileTail.ReadLastLinesAsync(path, lines, cancellationToken: cancellationToken).ConfigureAwait(false);
                return UnifiedLogParser.ToLogLines(tail, node);
            }
        }

        return [];
    }

    private static IEnumerable<string> Candidates(string node, IReadOnlyDictionary<long, string> storeAddresses)
    {
        yield return node;
        if (node.StartsWith("store", StringComparison.Ordinal)
            && long.TryParse(node.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            && storeAddresses.TryGetValue(id, out var address))
        {
            var host = address.Split(':')[0];
            if (host.Length > 0 && host.IndexOfAny(Path.GetInvalidFileNameChars()) < 0)
            {
                yield return host;
            }
        }
    }
}
