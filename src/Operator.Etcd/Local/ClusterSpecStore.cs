using System.Text.Json;
using System.Text.RegularExpressions;
using Operator.Core;

namespace Operator.Etcd.Local;

/// <summary>Reads and atomically replaces <c>cluster.json</c>.</summary>
internal static partial class ClusterSpecStore
{
    public static LocalClusterSpec? TryRead(StateDirLayout layout)
    {
        string text;
        try
        {
            text = File.ReadAllText(layout.ClusterFile);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException($"read {layout.ClusterFile}: {e.Message}; check the permissions of --state-dir", e);
        }

        LocalClusterSpec? spec;
        try
        {
            spec = JsonSerializer.Deserialize(text, LocalClusterJson.Default.LocalClusterSpec);
        }
        catch (JsonException e)
        {
            throw Corrupt(layout, e.Message, e);
        }

        if (spec is null || spec.Nodes is null || spec.Nodes.Count == 0 || string.IsNullOrEmpty(spec.EtcdBinary))
        {
            throw Corrupt(layout, "no nodes or no etcd binary recorded", null);
        }

        if (spec.FormatVersion != LocalClusterSpec.CurrentFormatVersion)
        {
            throw Corrupt(layout, $"format version {spec.FormatVersion} is not {LocalClusterSpec.CurrentFormatVersion}", null);
        }

        foreach (var node in spec.Nodes)
        {
            // Names become directory names under nodes/; never let a hand-edited file point elsewhere.
            if (node.Name is null || !NodeName().IsMatch(node.Name) || node.Arguments is null)
            {
                throw Corrupt(layout, $"invalid node entry '{node.Name}'", null);
            }
        }

        return spec;
    }

    /// <summary>Writes to a temp file in the same directory and renames it over <c>cluster.json</c>.</summary>
    public static void Write(StateDirLayout layout, LocalClusterSpec spec)
    {
        var temp = layout.ClusterFile + ".tmp-" + Environment.ProcessId;
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(stream, spec, LocalClusterJson.Default.LocalClusterSpec);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, layout.ClusterFile, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw new OperatorException($"write {layout.ClusterFile}: {e.Message}; pass a writable --state-dir", e);
        }
    }

    private static OperatorException Corrupt(StateDirLayout layout, string why, Exception? inner)
    {
        var message = $"read {layout.ClusterFile}: {why}; fix the file or remove the state dir's cluster.json and nodes/ by hand";
        return inner is null ? new OperatorException(message) : new OperatorException(message, inner);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp file is harmless.
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex NodeName();
}
