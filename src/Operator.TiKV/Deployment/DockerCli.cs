using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using Operator.Core;

namespace Operator.TiKV.Deployment;

/// <summary>
/// Runs the docker CLI directly (an argument list, never a shell), with a deadline, and turns failures into one
/// line that names the command and docker's own error.
/// </summary>
internal sealed class DockerCli
{
    // Words that mark the line of docker's or compose's stderr that explains a failure; compose prints progress
    // lines (" Container x  Starting", build steps) to stderr before it.
    private static readonly string[] ErrorWords =
    [
        "error", "cannot", "failed", "denied", "not found", "no such", "unknown", "unhealthy", "invalid", "refused", "exited",
    ];

    private const int MaxErrorChars = 300;

    private readonly string _binary;
    private readonly TimeProvider _time;

    public DockerCli(string binary, TimeProvider time)
    {
        _binary = binary;
        _time = time;
    }

    /// <summary>Runs docker with <paramref name="arguments"/>; any exit code is returned, not thrown.</summary>
    /// <exception cref="OperatorException">docker could not be started or did not finish within <paramref name="timeout"/>.</exception>
    public async Task<DockerResult> RunAsync(IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(_binary)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new OperatorException($"run `{Render(arguments)}`: {_binary} could not be started: {e.Message}", e);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var stdout = process.StandardOutput.ReadToEndAsync(linked.Token);
        var stderr = process.StandardError.ReadToEndAsync(linked.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            return new DockerResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            try
            {
                await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The reads share the deadline; what they had is not needed any more.
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new OperatorException(
                $"`{Render(arguments)}` did not finish within {timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s and was stopped; is the Docker engine responding (`docker info`)?");
        }
    }

    /// <summary>Runs docker and returns its stdout; a non-zero exit becomes one line naming <paramref name="what"/>, the command and docker's error.</summary>
    public async Task<string> RunCheckedAsync(string what, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await RunAsync(arguments, timeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw Failure(what, arguments, result);
        }

        return result.Stdout;
    }

    /// <summary>"what: `docker …` exited with code N: first error line" and an optional "; hint".</summary>
    public static OperatorException Failure(string what, IReadOnlyList<string> arguments, DockerResult result, string? hint = null) =>
        new($"{what}: `{Render(arguments)}` exited with code {result.ExitCode.ToString(CultureInfo.InvariantCulture)}: {ErrorLine(result)}{(hint is null ? string.Empty : "; " + hint)}");

    /// <summary>
    /// The line of docker's output that says what went wrong: the first stderr line with an error word, else the
    /// first stderr line, else the first stdout line; one line, shortened.
    /// </summary>
    public static string ErrorLine(DockerResult result)
    {
        var lines = Lines(result.Stderr);
        var line = lines.FirstOrDefault(l => ErrorWords.Any(w => l.Contains(w, StringComparison.OrdinalIgnoreCase)))
            ?? lines.FirstOrDefault()
            ?? Lines(result.Stdout).FirstOrDefault()
            ?? "no error output";
        return line.Length <= MaxErrorChars ? line : line[..(MaxErrorChars - 3)] + "...";
    }

    /// <summary>The command as a user would type it (<c>docker kill --signal KILL operator-tikv-tikv1-1</c>).</summary>
    public static string Render(IEnumerable<string> arguments) =>
        string.Join(' ', arguments.Prepend("docker").Select(Quote));

    private static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    // Display only: nothing is ever run through a shell.
    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@,+{}".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }
}
