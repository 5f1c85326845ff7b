using System.Diagnostics;
using Operator.FakeTikv;

namespace Operator.TiKV.Tests.Fake;

/// <summary>The built <c>Operator.FakeTikv</c> executable run as a child process, driven over stdin as bench scripts do.</summary>
internal sealed class FakeTikvProcess : IAsyncDisposable
{
    private static readonly TimeSpan LineDeadline = TimeSpan.FromSeconds(30);

    private readonly Process _process;

    private FakeTikvProcess(Process process, FakeTikvEndpoints endpoints)
    {
        _process = process;
        Endpoints = endpoints;
    }

    public FakeTikvEndpoints Endpoints { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static async Task<FakeTikvProcess> StartAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Operator.FakeTikv.dll"));
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(psi)!;
        var first = await ReadLineAsync(process);
        if (first is null)
        {
            var error = await process.StandardError.ReadToEndAsync();
            throw new InvalidOperationException($"the fake exited before printing its endpoints: {error}");
        }

        return new FakeTikvProcess(process, FakeTikvEndpoints.FromJson(first));
    }

    /// <summary>Sends one command line and returns the one line it answers.</summary>
    public async Task<string> CommandAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
        return await ReadLineAsync(_process) ?? throw new InvalidOperationException($"the fake exited after \"{line}\"");
    }

    public void CloseInput() => _process.StandardInput.Close();

    public async Task<bool> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
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

    private static async Task<string?> ReadLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(LineDeadline);
        return await process.StandardOutput.ReadLineAsync(timeout.Token);
    }
}
