using System.Globalization;
using Operator.Core.Processes;

namespace Operator.Testing;

/// <summary>Finds and SIGKILLs every process whose command line names a test's state dir or a path inside it (etcd members, and `--state-dir DIR` CLI children).</summary>
public static class StateDirProcesses
{
    public static IReadOnlyList<int> Find(string stateDir)
    {
        var root = Path.GetFullPath(stateDir).TrimEnd('/');
        var prefix = root + "/";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            var cmdline = ProcessInspector.CommandLine(pid);
            if (cmdline is not null && cmdline.Any(arg => arg == root || arg.StartsWith(prefix, StringComparison.Ordinal) || arg.Contains("=" + prefix, StringComparison.Ordinal)))
            {
                found.Add(pid);
            }
        }

        return found;
    }

    /// <summary>SIGKILLs them all and waits (up to 5 s) until none is left.</summary>
    public static async Task KillAllAsync(string stateDir)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var pids = Find(stateDir);
            if (pids.Count == 0 || TimeProvider.System.GetElapsedTime(started) > TimeSpan.FromSeconds(5))
            {
                return;
            }

            foreach (var pid in pids)
            {
                Signals.Send(pid, Signals.SigKill);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
    }
}
