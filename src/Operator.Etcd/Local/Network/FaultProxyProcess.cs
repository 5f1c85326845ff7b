using System.Diagnostics;
using System.Text.Json;
using Operator.Core;
using Operator.Core.Processes;

namespace Operator.Etcd.Local.Network;

/// <summary>
/// The detached fault proxy process of one state dir: started like the members (own session, pid file, output
/// appended to <c>faultproxy.log</c>), and signalled only while /proc shows the exact command line recorded at launch.
/// </summary>
internal sealed class FaultProxyProcess
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan SignalEffectTimeout = TimeSpan.FromSeconds(5);

    private readonly StateDirLayout _layout;
    private readonly TimeProvider _time;

    public FaultProxyProcess(StateDirLayout layout, TimeProvider time)
    {
        _layout = layout;
        _time = time;
    }

    public string LogFile => _layout.FaultProxyLogFile;

    /// <summary>The pid of the running proxy of this state dir, or null.</summary>
    public int? RunningPid()
    {
        var argv = RecordedArgv();
        return argv is not null && ReadPid() is { } pid && NodeProcess.Runs(pid, argv.Skip(1).ToList()) ? pid : null;
    }

    /// <summary>Launches <paramref name="command"/> with the state-dir option appended and returns its pid once it listens and has applied the rules file.</summary>
    public async Task<int> StartAsync(IReadOnlyList<string> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (command.Count == 0)
        {
            throw new OperatorException("start the fault proxy: its command is empty; pass the program that runs `fault-proxy run`");
        }

        var argv = command.Concat(["--state-dir", _layout.StateDir]).ToList();
        File.WriteAllText(_layout.FaultProxyArgvFile, JsonSerializer.Serialize(argv, NetworkRulesJson.Default.ListString));
        NodeProcess.DeletePid(_layout.FaultProxyPidFile);
        FaultRulesFile.Delete(_layout.FaultProxyAppliedFile);

        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-c", EtcdLauncher.Script, "operator-fault-proxy-launch", _layout.FaultProxyPidFile, _layout.FaultProxyLogFile }.Concat(argv))
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var shell = Process.Start(startInfo)
            ?? throw new OperatorException("start the fault proxy: /bin/sh could not be started");
        shell.StandardInput.Close();

        var arguments = argv.Skip(1).ToList();
        var started = _time.GetTimestamp();
        while (true)
        {
            var pid = ReadPid();
            if (pid is { } p && NodeProcess.Runs(p, arguments))
            {
                if (FaultRulesFile.ReadApplied(_layout.FaultProxyAppliedFile) is { } applied && applied.Pid == p)
                {
                    return p;
                }
            }
            else if ((pid is { } gone && ProcessInspector.Inspect(gone) == Core.Observing.ProcessState.Gone) || (pid is null && shell.HasExited))
            {
                throw new OperatorException($"start the fault proxy: it exited ({LastLogLine() ?? "no output"}); see {LogFile}");
            }

            if (_time.GetElapsedTime(started) > timeout)
            {
                throw new OperatorException(
                    $"start the fault proxy: {argv[0]} was not listening {timeout.TotalSeconds:0} s after launch ({LastLogLine() ?? "no output"}); see {LogFile}");
            }

            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    /// <summary>SIGTERM, SIGKILL after <paramref name="grace"/>; the pid it stopped, or null when none was running.</summary>
    public async Task<int?> StopAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (RunningPid() is not { } pid)
        {
            NodeProcess.DeletePid(_layout.FaultProxyPidFile);
            return null;
        }

        var arguments = RecordedArgv()!.Skip(1).ToList();
        Signals.Send(pid, Signals.SigTerm);
        var started = _time.GetTimestamp();
        while (!NodeProcess.HasExited(pid, arguments) && _time.GetElapsedTime(started) < grace)
        {
            await Task.Delay(PollInterval, _time, cancellationToken);
        }

        if (!NodeProcess.HasExited(pid, arguments) && NodeProcess.Runs(pid, arguments))
        {
            Signals.Send(pid, Signals.SigKill);
        }

        await WaitExitedAsync(pid, arguments, cancellationToken);
        NodeProcess.DeletePid(_layout.FaultProxyPidFile);
        return pid;
    }

    /// <summary>SIGKILLs the running proxy and waits until it is gone; the pid, or null when none was running.</summary>
    public async Task<int?> KillAsync(CancellationToken cancellationToken)
    {
        if (RunningPid() is not { } pid)
        {
            return null;
        }

        var arguments = RecordedArgv()!.Skip(1).ToList();
        Signals.Send(pid, Signals.SigKill);
        await WaitExitedAsync(pid, arguments, cancellationToken);
        return pid;
    }

    /// <summary>Removes the proxy's files (pid, log, command line, rules, acknowledgement).</summary>
    public void DeleteFiles()
    {
        foreach (var file in _layout.FaultProxyFiles)
        {
            FaultRulesFile.Delete(file);
        }
    }

    private async Task WaitExitedAsync(int pid, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (!NodeProcess.HasExited(pid, arguments))
        {
            if (_time.GetElapsedTime(started) > SignalEffectTimeout)
            {
                throw new OperatorException(
                    $"stop the fault proxy (pid {pid}): the process did not react within {SignalEffectTimeout.TotalSeconds:0} s; check it with `ps` and `cat /proc/{pid}/status`");
            }

            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    private int? ReadPid()
    {
        try
        {
            var text = File.ReadAllText(_layout.FaultProxyPidFile);
            return text.EndsWith('\n') ? NodeProcess.ReadPid(_layout.FaultProxyPidFile) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private List<string>? RecordedArgv()
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(_layout.FaultProxyArgvFile), NetworkRulesJson.Default.ListString);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private string? LastLogLine()
    {
        try
        {
            return File.ReadLines(LogFile).LastOrDefault(line => line.Trim().Length > 0)?.Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
