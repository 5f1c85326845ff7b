using System.Diagnostics;
using Operator.Core;
using Operator.Core.Observing;
using Operator.Core.Processes;

namespace Operator.Etcd.Local;

/// <summary>
/// Starts one member as a detached process that outlives Operator: its own session (setsid), stdin from
/// /dev/null, stdout and stderr appended to the node's stderr file.
/// </summary>
internal sealed class EtcdLauncher
{
    // $1 pid file, $2 stderr file, then the etcd binary and its arguments. The inner shell runs after setsid
    // (which may have forked), writes its own pid and execs etcd, so the pid file always holds etcd's pid.
    internal const string Script =
        "pidfile=$1; errfile=$2; shift 2; "
        + "exec setsid /bin/sh -c 'echo $$ >\"$0\"; exec \"$@\"' \"$pidfile\" \"$@\" >>\"$errfile\" 2>&1 </dev/null";

    private static readonly TimeSpan ExecTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    private readonly TimeProvider _time;

    public EtcdLauncher(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>Launches the node and returns once its pid is verified to be etcd running the node's arguments.</summary>
    public async Task<LaunchedNode> StartAsync(string binary, LocalNodeSpec node, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(node.PidFile)!);
        NodeProcess.DeletePid(node.PidFile);
        var mark = LogMark.Of(node);
        var launchedAt = _time.GetUtcNow();

        // All three streams redirected (the script points etcd's at /dev/null and its log file): a child that
        // .NET believes shares the terminal makes it put the terminal back in line mode, which would break the
        // dashboard's key reading for as long as the member runs.
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-c", Script, "operator-etcd-launch", node.PidFile, node.StderrFile, binary }.Concat(node.Arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var shell = Process.Start(startInfo)
            ?? throw new OperatorException($"start etcd {node.Name}: /bin/sh could not be started");
        shell.StandardInput.Close();

        var comm = NodeProcess.CommName(binary);
        var started = _time.GetTimestamp();
        int? pid = null;
        while (true)
        {
            pid ??= ReadCompletePid(node.PidFile);
            if (pid is { } p)
            {
                var state = ProcessInspector.Inspect(p, comm);
                if (state is ProcessState.Running or ProcessState.Stopped && NodeProcess.IsOurs(p, node))
                {
                    return new LaunchedNode(node, p, mark, launchedAt);
                }

                if (ProcessInspector.Inspect(p) is ProcessState.Gone)
                {
                    throw Exited(node, mark);
                }
            }
            else if (shell.HasExited && ReadCompletePid(node.PidFile) is null)
            {
                // The launcher died before the inner shell wrote a pid: /bin/sh or setsid failed.
                throw Exited(node, mark);
            }

            if (_time.GetElapsedTime(started) > ExecTimeout)
            {
                throw new OperatorException(
                    $"start etcd {node.Name}: {binary} was not running as etcd {ExecTimeout.TotalSeconds:0} s after launch (pid {pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}); see {node.StderrFile}");
            }

            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    internal static NodeExitedException Exited(LocalNodeSpec node, LogMark since) =>
        new(node, LogTail.FailureReason(node, since), LogTail.MentionsAddressInUse(node, since));

    private static int? ReadCompletePid(string pidFile)
    {
        try
        {
            var text = File.ReadAllText(pidFile);
            return text.EndsWith('\n') ? NodeProcess.ReadPid(pidFile) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
