using Operator.Core.Tickets;
using Operator.Tui.Demo;
using Operator.Tui.Terminal;
using Operator.Tui.Views;
using Spectre.Console;

namespace Operator.Cli.Demo;

/// <summary>
/// <c>demo</c> and <c>demo --auto</c>: the live five-panel dashboard on this terminal, with the real cluster, monitor,
/// agent and load generator. The terminal is restored and everything the demo started is stopped on every way out.
/// </summary>
internal static class LiveDemo
{
    public static async Task<int> RunAsync(StateDirectory state, DemoOptions options, IReadOnlyList<string> engineArguments, TextWriter output, CancellationToken cancellationToken)
    {
        await using var cluster = new EtcdDemoCluster(state);
        using var store = await TicketStore.OpenAsync(state.DatabasePath, TicketPolicy.Default, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        var session = new DemoSession(
            cluster,
            new DemoProcessLauncher(state, engineArguments, DemoLoad.Default),
            store,
            WorkloadLines.ToUpdate,
            options,
            TimeProvider.System);

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
