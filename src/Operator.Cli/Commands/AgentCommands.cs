using System.CommandLine;
using Operator.Cli.Subjects;
using Operator.Core.Agent;
using Operator.Core.Diagnosis;
using Operator.Core.Tickets;

namespace Operator.Cli.Commands;

/// <summary><c>operator agent start</c> (the agent daemon) and <c>operator diagnose ID</c>.</summary>
internal static class AgentCommands
{
    public static Command Agent()
    {
        var agent = new Command("agent", "Diagnose tickets as they open");
        var interval = Options.Duration("--interval", "How often to look for open tickets", TimeSpan.FromSeconds(1));
        var once = new Option<bool>("--once") { Description = "Diagnose the tickets open now, then exit" };
        var subjects = new SubjectOptions();
        var engines = new Engines();
        var start = new Command("start", "Run the agent until SIGINT/SIGTERM; one line per diagnosis") { interval, once };
        subjects.AddTo(start);
        foreach (var o in engines.All)
        {
            start.Add(o);
        }

        start.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var state = Options.State(parse).EnsureWritable();
                var setup = subjects.Resolve(parse, state);
                var engine = engines.Create(parse, setup);
                using var store = await TicketStore.OpenAsync(state.DatabasePath, TicketPolicy.Default, TimeProvider.System, ct).ConfigureAwait(false);
                await using var subject = await setup.OpenAsync(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);

                // As the monitor does: a cold process spends its first probes on JIT and connection setup, and a first
                // diagnosis must not read that as members timing out (it would look like lost quorum).
                await subject.ObserveAsync(ct).ConfigureAwait(false);
                var gatherer = setup.Gatherer(subject);
                var loop = new AgentLoop(subject.Name, store, gatherer, engine, TimeProvider.System, Console.Out, AgentOptions.Default with { Interval = parse.GetValue(interval) });
                if (parse.GetValue(once))
                {
                    var n = await loop.RunOnceAsync(ct).ConfigureAwait(false);
                    Console.WriteLine($"diagnosed {n} tickets");
                }
                else
                {
                    await loop.RunAsync(ct).ConfigureAwait(false);
                }

                return 0;
            },
            ct));
        agent.Add(start);
        return agent;
    }

    public static Command Diagnose()
    {
        var id = new Argument<long>("id") { Description = "Ticket number" };
        var json = Options.Json();
        var subjects = new SubjectOptions();
        var engines = new Engines();
        var command = new Command("diagnose", "Diagnose one ticket now, store and print the diagnosis") { id, json };
        subjects.AddTo(command);
        foreach (var o in engines.All)
        {
            command.Add(o);
        }

        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var state = Options.State(parse);
                var setup = subjects.Resolve(parse, state);
                var engine = engines.Create(parse, setup);
                using var store = await Wiring.RequireStoreAsync(state, ct).ConfigureAwait(false);
                var ticket = await store.GetAsync(parse.GetValue(id), ct).ConfigureAwait(false);
                await using var subject = await setup.OpenAsync(TimeSpan.FromSeconds(1), ct).ConfigureAwait(false);
                await subject.ObserveAsync(ct).ConfigureAwait(false); // warm-up, as in agent start
                var loop = new AgentLoop(subject.Name, store, setup.Gatherer(subject), engine, TimeProvider.System, TextWriter.Null, AgentOptions.Default);
                var diagnosis = await loop.DiagnoseAsync(ticket, ct).ConfigureAwait(false);
                Console.Write(parse.GetValue(json) ? DiagnosisJson.Serialize(diagnosis) + Environment.NewLine : TicketView.Diagnosis(diagnosis));
                return 0;
            },
            ct));
        return command;
    }

}
