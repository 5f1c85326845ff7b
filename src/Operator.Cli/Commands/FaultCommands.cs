using System.CommandLine;
using System.Text;
using Operator.Core;
using Operator.Core.Faults;
using Operator.Core.Time;
using Operator.Etcd.Faults;

namespace Operator.Cli.Commands;

/// <summary>
/// <c>operator chaos list|inject|revert</c>: the local etcd cluster's fault catalogue. Every injection is written to the
/// dead-man record (<c>&lt;state-dir&gt;/chaos/active-faults.json</c>) before it acts, so <c>chaos revert --all</c>
/// can undo it even after the injecting process died.
/// </summary>
internal static class FaultCommands
{
    public static IEnumerable<Command> Build() => [List(), Inject(), Revert()];

    /// <summary>The injector over the state dir's cluster and dead-man record.</summary>
    public static FaultInjector Injector(StateDirectory state)
    {
        var cluster = Wiring.Cluster(state);
        return new FaultInjector(EtcdFaultCatalogue.Create(cluster), Store(state));
    }

    public static ActiveFaultStore Store(StateDirectory state) => new(Path.Combine(state.Path, "chaos"));

    private static Command List()
    {
        var json = Options.Json();
        var command = new Command("list", "The fault catalogue: what each fault does, its target, and the cause and invariant that should name it") { json };
        command.SetAction((parse, ct) => Run.Guarded(
            () =>
            {
                var state = Options.State(parse);
                var catalogue = EtcdFaultCatalogue.Create(Wiring.Cluster(state));
                if (parse.GetValue(json))
                {
                    Json.Print(catalogue.Faults.Select(f => new { name = f.Name, description = f.Description, default_target = f.DefaultTarget, cause = f.Cause, invariant = f.Invariant }));
                    return Task.FromResult(0);
                }

                var text = new StringBuilder();
                TextTable.Append(
                    text,
                    ["FAULT", "TARGET", "CAUSE", "INVARIANT", "WHAT IT DOES"],
                    catalogue.Faults.Select(f => (IReadOnlyList<string>)[f.Name, f.DefaultTarget ?? "-", f.Cause, f.Invariant, f.Description]).ToList());
                Console.Write(text.ToString());
                var active = Store(state).List();
                if (active.Count > 0)
                {
                    Console.WriteLine();
                    Console.WriteLine($"active: {string.Join("; ", active.Select(FaultInjector.Describe))} (undo with `operator chaos revert --all`)");
                }

                return Task.FromResult(0);
            },
            ct));
        return command;
    }

    private static Command Inject()
    {
        var fault = new Argument<string>("fault") { Description = "A fault from `operator chaos list`" };
        var target = new Option<string?>("--target")
        {
            Description = "For faults that take one: a node name (n2) or leader, follower, random (default: the fault's own)",
        };
        var duration = Options.OptionalDuration(
            "--duration",
            "Stay in the foreground and revert after this long (Ctrl+C reverts at once); without it the fault stays until `chaos revert`");
        var json = Options.Json();
        var command = new Command("inject", "Inject a fault; it stays until `chaos revert`, or for --duration") { fault, target, duration, json };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var injector = Injector(Options.State(parse));
                var forHowLong = parse.GetValue(duration);
                var entry = await injector.InjectAsync(parse.GetValue(fault)!, parse.GetValue(target), forHowLong, ct).ConfigureAwait(false);
                Print(entry, "inject", parse.GetValue(json));
                if (forHowLong is not { } wait)
                {
                    if (!parse.GetValue(json))
                    {
                        Console.WriteLine("undo it with `operator chaos revert`");
                    }

                    return 0;
                }

                try
                {
                    await Task.Delay(wait, TimeProvider.System, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Ctrl+C: revert now, below.
                }

                await injector.RevertAsync(entry, CancellationToken.None).ConfigureAwait(false);
                Print(entry with { InjectedAt = Timestamps.ToWire(TimeProvider.System.GetUtcNow()) }, "revert", parse.GetValue(json));
                return ct.IsCancellationRequested ? Run.Interrupted : 0;
            },
            ct));
        return command;
    }

    private static Command Revert()
    {
        var all = new Option<bool>("--all") { Description = "Undo every recorded fault, including those a crashed process left behind (default: the most recent)" };
        var json = Options.Json();
        var command = new Command("revert", "Undo the most recent injected fault (or --all of them) and remove it from the record") { all, json };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var injector = Injector(Options.State(parse));
                var active = injector.Store.List();
                if (active.Count == 0)
                {
                    if (parse.GetValue(json))
                    {
                        Json.Print(Array.Empty<object>());
                    }
                    else
                    {
                        Console.WriteLine("nothing to revert: no injected fault is recorded");
                    }

                    return 0;
                }

                var chosen = parse.GetValue(all) ? active.Reverse().ToList() : [active[^1]];
                var failed = 0;
                var printed = new List<object>();
                foreach (var entry in chosen)
                {
                    string? error = null;
                    try
                    {
                        await injector.RevertAsync(entry, ct).ConfigureAwait(false);
                    }
                    catch (OperatorException e)
                    {
                        error = e.Message;
                        failed++;
                    }

                    var at = Timestamps.ToWire(TimeProvider.System.GetUtcNow());
                    if (parse.GetValue(json))
                    {
                        printed.Add(new { id = entry.Id, fault = entry.Plan.Fault, node = entry.Plan.Node, nodes = entry.Plan.Nodes, action = "revert", at, ok = error is null, error });
                    }
                    else
                    {
                        Console.WriteLine(error is null ? $"reverted {FaultInjector.Describe(entry)} at {at}" : $"could not revert {FaultInjector.Describe(entry)}: {error}");
                    }
                }

                if (parse.GetValue(json))
                {
                    Json.Print(printed);
                }

                return failed == 0 ? 0 : Run.UserError;
            },
            ct));
        return command;
    }

    private static void Print(ActiveFault entry, string action, bool json)
    {
        if (json)
        {
            Json.Print(new
            {
                id = entry.Id,
                fault = entry.Plan.Fault,
                action,
                node = entry.Plan.Node,
                nodes = entry.Plan.Nodes,
                cause = entry.Cause,
                invariant = entry.Invariant,
                at = entry.InjectedAt,
                expires_at = action == "inject" ? entry.ExpiresAt : null,
            });
        }
        else if (action == "inject")
        {
            var until = entry.ExpiresAt is { } e ? $"; reverts at {e}" : string.Empty;
            Console.WriteLine($"injected {FaultInjector.Describe(entry)} at {entry.InjectedAt} (expect {entry.Invariant} → {entry.Cause}){until}");
        }
        else
        {
            Console.WriteLine($"reverted {FaultInjector.Describe(entry)} at {entry.InjectedAt}");
        }
    }
}
