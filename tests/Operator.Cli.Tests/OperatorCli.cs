using System.Diagnostics;
using System.Text;

namespace Operator.Cli.Tests;

/// <summary>Runs the real <c>operator</c> executable (operator.dll next to the tests) as a child process.</summary>
internal static class OperatorCli
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "operator.dll");

    public static ProcessStartInfo StartInfo(string stateDir, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Dll);
        psi.ArgumentList.Add("--state-dir");
        psi.ArgumentList.Add(stateDir);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment.Remove("OPERATOR_STATE_DIR");
        return psi;
    }

    /// <summary>Runs a command to completion (bounded by a generous deadline) and returns exit code and output.</summary>
    public static Task<CliResult> RunAsync(string stateDir, params string[] args) => RunAsync(stateDir, new Dictionary<string, string>(), args);

    /// <summary>Like <see cref="RunAsync(string, string[])"/>, with these environment variables set (e.g. a PATH with a fake docker).</summary>
    public static async Task<CliResult> RunAsync(string stateDir, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = StartInfo(stateDir, args);
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        using var p = Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"operator {string.Join(' ', args)} did not finish within 90 s");
        }

        return new CliResult(p.ExitCode, await stdout, await stderr);
    }
}

/// <summary>Exit code and captured output of one CLI run.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}

/// <summary>A long-running CLI child (the monitor daemon) whose stdout lines are collected as they arrive.</summary>
internal sealed class OperatorDaemon : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();

    private OperatorDaemon(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_gate) { _stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_gate) { _stderr.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stdout { get { lock (_gate) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_gate) { return _stderr.ToString(); } } }

    public static OperatorDaemon Start(string stateDir, params string[] args) => new(Process.Start(OperatorCli.StartInfo(stateDir, args))!);

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> StopAsync()
    {
        Core.Processes.Signals.Send(_process.Id, Core.Processes.Signals.SigTerm);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
