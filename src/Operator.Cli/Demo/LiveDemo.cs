using Operator.Core.Tickets;
using Operator.TiKV.Deployment;
using Operator.Tui.Demo;
using Operator.Tui.Terminal;
using Operator.Tui.Views;
using Spectre.Console;

namespace Operator.Cli.Demo;

/// <summary>
/// <c>demo</c> and <c>demo --auto</c>: the live five-panel dashboard on this terminal, with the real cluster, monitor,
/// agent and workload child (etcd: the load generator; TiKV: its request rate from Prometheus). The terminal is
/// restored and everything the demo started is stopped on every way out.
/// </summary>
internal static class LiveDemo
{
    /// <summary>The demo on the local etcd cluster in the state dir.</summary>
    public static async Task<int> RunEtcdAsync(StateDirectory state, DemoOptions options, IReadOnlyList<string> engineArguments, TextWriter output, CancellationToken cancellationToken)
    {
        await using var cluster = new EtcdDemoCluster(state);
        var launcher = DemoProcessLauncher.ForEtcd(state, engineArguments, DemoLoad.Default);
        return await RunAsync(state, cluster, launcher, WorkloadLines.ToUpdate, options, output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The demo on a TiKV cluster: the compose deployment (<paramref name="pd"/> null), or the one behind <c>--pd</c>.</summary>
    public static async Task<int> RunTikvAsync(
        StateDirectory state,
        IReadOnlyList<Uri>? pd,
        Uri? prometheus,
        DemoOptions options,
        IReadOnlyList<string> engineArguments,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        await using var cluster = new TikvDemoCluster(state, new ComposeDeployment(state.Path), pd, prometheus, TimeProvider.System, () => DemoGuard.Start(state));
        var launcher = DemoProcessLauncher.ForTikv(state, engineArguments, cluster.SubjectArguments(), cluster.Prometheus!, compose: pd is null);
        return await RunAsync(state, cluster, launcher, ThroughputLines.ToUpdate, options, output, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> RunAsync(
        StateDirectory state,
        IDemoCluster cluster,
        IDemoProcessLauncher launcher,
        Func<string, WorkloadUpdate?> parseLoadLine,
        DemoOptions options,
        TextWriter output,
        CancellationToken cancellationToken)
    {
        using var store = await TicketStore.OpenAsync(state.DatabasePath, TicketPolicy.Default, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        var session = new DemoSession(cluster, launcher, store, parseLoadLine, options, TimeProvider.System);

        DemoOutcome outcome;
        using (var screen = new TerminalScreen(output, DashboardView.Render, TerminalSize, AnsiConsole.Profile.Capabilities.ColorSystem))
        using (var keys = new ConsoleKeySource())
        {
            screen.Enter();
            try
            {
                outcome = await session.RunAsync(screen, keys, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                screen.Restore();
            }
        }

        await output.WriteLineAsync(Summary(outcome)).ConfigureAwait(false);
        await output.WriteLineAsync(outcome.Cleanup).ConfigureAwait(false);
        foreach (var failure in outcome.Failures)
        {
            await Console.Error.WriteLineAsync($"operator: demo step failed: {failure}").ConfigureAwait(false);
        }

        return cancellationToken.IsCancellationRequested ? Run.Interrupted : outcome.ExitCode;
    }

    private static string Summary(DemoOutcome outcome)
    {
        var what = outcome.Completed ? "demo complete" : "demo stopped early";
        var fault = outcome.Record.Fault is { } f ? $"{f.Description}; " : string.Empty;
        return $"{what}: {fault}{Tui.Chapters.CompleteChapter.Summary(outcome.Record)}";
    }

    private static (int Width, int Height) TerminalSize()
    {
        try
        {
            return (Console.WindowWidth, Console.WindowHeight);
        }
        catch (IOException)
        {
            return (120, 35);
        }
    }
}
