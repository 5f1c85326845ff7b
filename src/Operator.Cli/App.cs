using System.CommandLine;
using Operator.Cli.Commands;

namespace Operator.Cli;

/// <summary>Composition root: builds the command tree and runs it.</summary>
internal static class App
{
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(20);

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Operator: watches a database cluster's invariants, opens tickets, and diagnoses them like an SRE would.")
        {
            Options.StateDir,
        };
        root.Add(ClusterCommands.Build());
        root.Add(ChaosCommands.Build());
        foreach (var extra in ExtraCommands())
        {
            root.Add(extra);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = BuildRoot().Parse(args);

        // Ctrl+C and SIGTERM cancel the action; give it time to stop children and clusters before the process ends.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TerminationGrace };
        return await parse.InvokeAsync(invocation, ParentLifeline.Watch()).ConfigureAwait(false);
    }

    private static IEnumerable<Command> ExtraCommands() => [MonitorCommands.Build(), TicketsCommands.Build(), AgentCommands.Agent(), AgentCommands.Diagnose(), DemoCommands.Build(), LoadCommands.Build(), EvalCommands.Build(), FaultProxyCommands.Build()];
}
