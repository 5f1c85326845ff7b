using System.Globalization;
using Operator.Core.Observing;
using Operator.Core.Processes;

namespace Operator.Etcd.Local;

/// <summary>Pid files and the check that a pid still is the etcd we started for a node (pids get reused).</summary>
internal static class NodeProcess
{
    public static int? ReadPid(string pidFile)
    {
        try
        {
            var text = File.ReadAllText(pidFile).Trim();
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static void WritePid(string pidFile, int pid) =>
        File.WriteAllText(pidFile, pid.ToString(CultureInfo.InvariantCulture) + "\n");

    public static void DeletePid(string pidFile)
    {
        try
        {
            File.Delete(pidFile);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>
    /// True when <paramref name="pid"/> runs exactly this node's etcd arguments. The arguments hold the node's
    /// data dir, so no other process (nor another state dir's etcd) can match.
    /// </summary>
    public static bool IsOurs(int pid, LocalNodeSpec node) => Runs(pid, node.Arguments);

    /// <summary>True when <paramref name="pid"/> is alive (running or stopped) with exactly these arguments after its program.</summary>
    public static bool Runs(int pid, IReadOnlyList<string> arguments)
    {
        var state = ProcessInspector.Inspect(pid);
        if (state is not (ProcessState.Running or ProcessState.Stopped))
        {
            return false;
        }

        var cmdline = ProcessInspector.CommandLine(pid);
        return cmdline is not null && cmdline.Count == arguments.Count + 1 && cmdline.Skip(1).SequenceEqual(arguments);
    }

    /// <summary>
    /// True once a pid that was this node's etcd has fully exited, so its ports are free. Not the same as
    /// "no longer ours": while a multi-threaded process dies its command line empties, and its main thread
    /// shows as a zombie (with an empty fd list) while other threads still hold the shared sockets.
    /// </summary>
    public static bool HasExited(int pid, LocalNodeSpec node) => HasExited(pid, node.Arguments);

    /// <summary>Like <see cref="HasExited(int, LocalNodeSpec)"/> for a process started with these arguments after its program.</summary>
    public static bool HasExited(int pid, IReadOnlyList<string> arguments)
    {
        if (!Directory.Exists($"/proc/{pid}"))
        {
            return true;
        }

        if (ProcessInspector.Inspect(pid) == ProcessState.Gone)
        {
            return !HasLiveThreads(pid);
        }

        var cmdline = ProcessInspector.CommandLine(pid);
        return cmdline is { Count: > 0 } && !cmdline.Skip(1).SequenceEqual(arguments); // pid reused meanwhile
    }

    /// <summary>Running or Stopped when the pid is this node's etcd, Gone when it is not, Unknown without a pid.</summary>
    public static ProcessState State(int? pid, LocalNodeSpec node)
    {
        if (pid is not { } p)
        {
            return ProcessState.Unknown;
        }

        return IsOurs(p, node) ? ProcessInspector.Inspect(p) : ProcessState.Gone;
    }

    /// <summary>Threads other than the zombie main thread (they leave the task list only after closing files).</summary>
    private static bool HasLiveThreads(int pid)
    {
        try
        {
            return Directory.EnumerateDirectories($"/proc/{pid}/task").Skip(1).Any();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // reaped meanwhile, or not ours to inspect
        }
    }

    /// <summary>What /proc/PID/comm shows for a binary: its file name cut to 15 bytes.</summary>
    public static string CommName(string binary)
    {
        var name = Path.GetFileName(binary);
        return name.Length > 15 ? name[..15] : name;
    }
}
