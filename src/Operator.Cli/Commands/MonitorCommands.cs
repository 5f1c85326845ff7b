using System.CommandLine;
using Operator.Cli.Subjects;
using Operator.Core.Invariants;
using Operator.Core.Monitoring;
using Operator.Core.Tickets;

namespace Operator.Cli.Commands;

/// <summary><c>operator monitor run</c>: the monitor daemon.</summary>
internal static class MonitorCommands
{
    public static Command Build()
    {
        var monitor = new Command("monitor", "Watch the cluster's invariants and keep tickets");
        monitor.Add(RunCommand());
        return monitor;
    }

    private static Command RunCommand()
    {
        var interval = Options.Duration("--interval", "Time between cycles", TimeSpan.FromSeconds(1));
        var once = new Option<bool>("--once") { Description = "Run one cycle, print it and exit (for scripts)" };
        var probeTimeout = Options.ProbeTimeout(TimeSpan.FromMilliseconds(300));
        var subjects = new SubjectOptions();
        var noWatch = new Option<bool>("--no-watch") { Description = "Poll only: do not keep watch streams whose drop triggers an immediate cycle" };
        var config = new Option<string?>("--config") { Description = "Invariant and ticket settings (JSON); default <state-dir>/config.json when it exists" };
        var command = new Command("run", "Run the monitor loop until SIGINT/SIGTERM; one heartbeat line per cycle")
        {
            interval, once, probeTimeout, config, noWatch,
        };
        subjects.AddTo(command);
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var state = Options.State(parse).EnsureWritable();
                var configPath = parse.GetValue(config);
                if (configPath is not null && !File.Exists(configPath))
                {
                    throw new Core.OperatorException($"config file {configPath} does not exist; create it or drop --config");
                }

                var setup = subjects.Resolve(parse, state);
                var engine = new InvariantEngine(setup.Invariants(), InvariantConfig.Load(configPath ?? state.ConfigPath));
                var policy = TicketPolicyConfig.Load(configPath ?? state.ConfigPath);
                using var store = await TicketStore.OpenAsync(state.DatabasePath, policy, TimeProvider.System, ct).ConfigureAwait(false);
                await using var subject = await setup.OpenAsync(parse.GetValue(probeTimeout), ct).ConfigureAwait(false);

                // A cold process spends its first probes on JIT and connection setup; do not let that look like a slow member.
                await subject.ObserveAsync(ct).ConfigureAwait(false);

                var loop = new MonitorLoop(subject, engine, store, TimeProvider.System, Console.Out, MonitorOptions.Default with { Interval = parse.GetValue(interval), Watch = !parse.GetValue(noWatch) });
                if (parse.GetValue(once))
                {
                    await loop.RunCycleAsync("once", ct).ConfigureAwait(false);
                }
                else
                {
                    await loop.RunAsync(ct).ConfigureAwait(false);
                }

                return 0;
            },
            ct));
        return command;
    }
}
