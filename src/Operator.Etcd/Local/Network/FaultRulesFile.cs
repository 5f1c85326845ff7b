using System.Globalization;
using System.Text.Json;
using Operator.Core;

namespace Operator.Etcd.Local.Network;

/// <summary>
/// Reads and atomically replaces the rules file, and the proxy's acknowledgement file (<c>faultproxy.applied</c>:
/// one line, <c>&lt;generation&gt; &lt;pid&gt;</c>).
/// </summary>
internal static class FaultRulesFile
{
    /// <summary>The rules in <paramref name="path"/>, or <see cref="FaultRules.None"/> when there is no file.</summary>
    /// <exception cref="OperatorException">The file is unreadable or not valid rules.</exception>
    public static FaultRules Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return FaultRules.None;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException($"read network fault rules {path}: {e.Message}; check the permissions of --state-dir", e);
        }

        return Parse(text, path);
    }

    public static FaultRules Parse(string text, string path)
    {
        FaultRulesDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(text, NetworkRulesJson.Default.FaultRulesDocument);
        }
        catch (JsonException e)
        {
            throw Corrupt(path, e.Message);
        }

        if (document is null)
        {
            throw Corrupt(path, "empty document");
        }

        var faults = new List<NetworkFault>();
        foreach (var entry in document.Faults ?? [])
        {
            var mode = entry.Mode switch
            {
                "partition" => NetworkFaultMode.Partition,
                "delay" => NetworkFaultMode.Delay,
                _ => throw Corrupt(path, $"unknown mode '{entry.Mode}' (use partition or delay)"),
            };
            if (string.IsNullOrEmpty(entry.Node) || entry.DelayMs < 0 || double.IsNaN(entry.DelayMs))
            {
                throw Corrupt(path, $"invalid fault entry for node '{entry.Node}'");
            }

            faults.Add(new NetworkFault(entry.Node, mode, mode == NetworkFaultMode.Delay ? TimeSpan.FromMilliseconds(entry.DelayMs) : TimeSpan.Zero));
        }

        return new FaultRules(document.Generation, document.Members ?? [], faults);
    }

    /// <summary>Writes to a temp file in the same directory and renames it over <paramref name="path"/>, so readers never see half a file.</summary>
    public static void Write(string path, FaultRules rules)
    {
        var document = new FaultRulesDocument
        {
            Generation = rules.Generation,
            Members = new Dictionary<string, string>(rules.MemberIds),
            Faults = rules.Faults.Select(f => new FaultRuleEntry
            {
                Node = f.Node,
                Mode = f.Mode == NetworkFaultMode.Partition ? "partition" : "delay",
                DelayMs = f.Mode == NetworkFaultMode.Delay ? f.Delay.TotalMilliseconds : 0,
            }).ToList(),
        };
        ReplaceAtomically(path, JsonSerializer.Serialize(document, NetworkRulesJson.Default.FaultRulesDocument) + "\n");
    }

    /// <summary>The generation and pid the proxy last acknowledged, or null when it has not written one.</summary>
    public static (long Generation, int Pid)? ReadApplied(string path)
    {
        try
        {
            var parts = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                ? (generation, pid)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static void WriteApplied(string path, long generation, int pid) =>
        ReplaceAtomically(path, string.Create(CultureInfo.InvariantCulture, $"{generation} {pid}\n"));

    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static void ReplaceAtomically(string path, string text)
    {
        var temp = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        try
        {
            File.WriteAllText(temp, text);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Best effort: a leftover temp file is harmless.
            }

            throw new OperatorException($"write {path}: {e.Message}; pass a writable --state-dir", e);
        }
    }

    private static OperatorException Corrupt(string path, string why) =>
        new($"read network fault rules {path}: {why}; delete the file and apply the faults again");
}
