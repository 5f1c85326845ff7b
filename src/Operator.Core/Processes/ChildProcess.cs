using System.Diagnostics;

namespace Operator.Core.Processes;

/// <summary>
/// A child process whose stdout and stderr arrive line by line as they are written, and whose stdin stays open as a
/// lifeline: when this process dies, even by SIGKILL, the child reads end-of-file and can exit by itself. Stopped
/// with SIGTERM, then SIGKILL of its whole tree after a grace period.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _outputDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stdinClosed;
    private int? _exitCode;
    private bool _disposed;

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>Short name for messages (<c>monitor</c>).</summary>
    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => ExitCode is not null;

    /// <summary>The exit code once it exited, else null (still known after <see cref="DisposeAsync"/>).</summary>
    public int? ExitCode
    {
        get
        {
            if (_exitCode is { } known)
            {
                return known;
            }

            lock (_process)
            {
                if (_disposed || !_process.HasExited)
                {
                    return _exitCode;
                }

                _exitCode = _process.ExitCode;
                return _exitCode;
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/>. <paramref name="onLine"/> receives every
    /// output line (the flag is true for stderr) on a thread-pool thread; it must be thread-safe and quick.
    /// </summary>
    public static ChildProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        Action<string, bool> onLine,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(onLine);
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new OperatorException($"start the {name}: {fileName} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new OperatorException($"start the {name}: {fileName}: {e.Message}", e);
        }

        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) => child.Deliver(e.Data, false, onLine, child._outputDone);
        process.ErrorDataReceived += (_, e) => child.Deliver(e.Data, true, onLine, child._errorDone);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Completes when the process has exited and all its output has been delivered.</summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(_outputDone.Task, _errorDone.Task).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one line to the child's stdin (false when the pipe is closed or the child is gone).</summary>
    public bool TrySendLine(string line)
    {
        if (Volatile.Read(ref _stdinClosed) != 0)
        {
            return false;
        }

        try
        {
            _process.StandardInput.WriteLine(line);
            _process.StandardInput.Flush();
            return true;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>SIGTERM, then SIGKILL of the whole tree when it has not exited after <paramref name="grace"/>. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (_disposed)
        {
            return _exitCode ?? -1;
        }

        if (ExitCode is null)
        {
            Signals.Send(_process.Id, Signals.SigTerm);
            using var wait = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await WaitForExitAsync(drain.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Output still open after the kill: a grandchild holds the pipe. The exit code is known regardless.
        }

        CloseStdin();
        return ExitCode ?? _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        lock (_process)
        {
            _disposed = true;
            _process.Dispose();
        }
    }

    private void CloseStdin()
    {
        if (Interlocked.Exchange(ref _stdinClosed, 1) != 0)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
        }
    }

    private void Deliver(string? line, bool isError, Action<string, bool> onLine, TaskCompletionSource done)
    {
        if (line is null)
        {
            done.TrySetResult();
            return;
        }

        onLine(line, isError);
    }
}
