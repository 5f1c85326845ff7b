using Operator.Core.Observing;

namespace Operator.Core.Processes;

/// <summary>Reads a process's state from /proc without touching it (Linux).</summary>
public static class ProcessInspector
{
    /// <summary>
    /// Running, Stopped (state T/t) or Gone. When <paramref name="expectedName"/> is given, a pid that now
    /// belongs to another program (pid reuse) counts as Gone.
    /// </summary>
    public static ProcessState Inspect(int pid, string? expectedName = null)
    {
        if (pid <= 0)
        {
            return ProcessState.Unknown;
        }

        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return ProcessState.Gone;
        }
        catch (UnauthorizedAccessException)
        {
            return ProcessState.Unknown;
        }

        // Format: pid (comm) S ...  — comm may contain spaces and parentheses, so split at the last ')'.
        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= stat.Length)
        {
            return ProcessState.Unknown;
        }

        var comm = stat[(open + 1)..close];
        if (expectedName is not null && !string.Equals(comm, expectedName, StringComparison.Ordinal))
        {
            return ProcessState.Gone;
        }

        return stat[close + 2] switch
        {
            'T' or 't' => ProcessState.Stopped,
            'Z' or 'X' or 'x' => ProcessState.Gone,
            _ => ProcessState.Running,
        };
    }

    /// <summary>The command line of a live process, or null when it is gone or unreadable.</summary>
    public static IReadOnlyList<string>? CommandLine(int pid)
    {
        try
        {
            var raw = File.ReadAllText($"/proc/{pid}/cmdline");
            return raw.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
