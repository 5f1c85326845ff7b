using System.Diagnostics;

namespace Operator.Cli.Tests;

/// <summary>A real terminal for dashboard tests: a detached tmux session on its own server socket, read with capture-pane.</summary>
internal sealed class Tmux : IAsyncDisposable
{
    private readonly string _socket = $"operator-test-{Guid.NewGuid():N}"[..26];
    private const string Session = "demo";
    private readonly string _script = Path.Combine(Path.GetTempPath(), "operator-tmux", $"{Guid.NewGuid():N}.sh");

    private Tmux()
    {
    }

    /// <summary>Starts <paramref name="command"/> (a shell command line) in a <paramref name="width"/>×<paramref name="height"/> terminal; the pane stays after it exits.</summary>
    public static async Task<Tmux> StartAsync(string command, int width, int height)
    {
        // The command goes in a script outside any state dir, so the shell running it never looks like a process of the demo's.
        var tmux = new Tmux();
        Directory.CreateDirectory(Path.GetDirectoryName(tmux._script)!);
        // A trap (not an ignore, which children would inherit) keeps the shell alive through Ctrl+C to write the exit code.
        await File.WriteAllTextAsync(tmux._script, $"trap 'true' INT\n{command}\nsleep 600\n");
        await tmux.RunAsync("-f", "/dev/null", "new-session", "-d", "-s", Session, "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture), "sh", tmux._script);
        return tmux;
    }

    /// <summary>The visible screen as plain text.</summary>
    public Task<string> CaptureAsync() => RunAsync("capture-pane", "-p", "-t", Session);

    /// <summary>The visible screen with colour escapes.</summary>
    public Task<string> CaptureWithColorsAsync() => RunAsync("capture-pane", "-p", "-e", "-t", Session);

    /// <summary>tmux format variables of the pane, e.g. <c>#{alternate_on}</c>, <c>#{cursor_flag}</c>.</summary>
    public async Task<string> DisplayAsync(string format) => (await RunAsync("display-message", "-p", "-t", Session, format)).Trim();

    public Task SendKeysAsync(params string[] keys) => RunAsync(["send-keys", "-t", Session, .. keys]);

    public Task ResizeAsync(int width, int height) =>
        RunAsync("resize-window", "-t", Session, "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("kill-server");
        }
        catch (InvalidOperationException)
        {
        }

        File.Delete(_script);
    }

    private async Task<string> RunAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-L");
        psi.ArgumentList.Add(_socket);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment.Remove("TMUX");
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await p.WaitForExitAsync(cts.Token);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed ({p.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}
