using System.CommandLine;
using Operator.Cli.Subjects;
using Operator.Core;
using Operator.Core.Observing;
using Operator.Core.Time;
using Operator.Etcd.Local;
using Operator.TiKV.Deployment;

namespace Operator.Cli.Commands;

/// <summary>
/// <c>operator chaos kill|restart</c>: inject and undo process faults in the local etcd cluster, or with
/// <c>--subject tikv</c> in the containers of the TiKV compose deployment.
/// </summary>
internal static class ChaosCommands
{
    // Observing for leader, follower, random and store names: generous, since a cold process's first probes are slow.
    private static readonly TimeSpan TikvProbeTimeout = TimeSpan.FromSeconds(2);

    public static Command Build()
    {
        var chaos = new Command("chaos", "Inject faults into the local cluster (TiKV: into the compose deployment, --subject tikv)");
        chaos.Add(Kill());
        chaos.Add(Restart());
        foreach (var command in FaultCommands.Build())
        {
            chaos.Add(command);
        }
        return chaos;
    }

    private static Command Kill()
    {
        var target = new Argument<string>("target")
        {
            Description = "A node name (n2; TiKV: pd0, store4 or a compose service such as tikv1), or leader, follower, random — resolved against the live cluster (TiKV: the PD leader, another running PD member, a running store)",
        };
        var json = Options.Json();
        var subjects = new SubjectOptions();
        var pd = PdOption(subjects);
        var command = new Command("kill", "SIGKILL one member's process (TiKV: docker kill of its container)") { target, json, subjects.Subject, pd };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var state = Options.State(parse);
                if (subjects.IsTikv(parse))
                {
                    var compose = Wiring.ExistingCompose(state, "chaos kill");
                    await using var subject = await TikvSubjectAsync(state, parse.GetValue(pd), ct).ConfigureAwait(false);
                    var done = await new ComposeChaos(compose, subject, Random.Shared).KillAsync(parse.GetValue(target)!, ct).ConfigureAwait(false);
                    Print(done, "kill", parse.GetValue(json));
                    return 0;
                }

                RefuseTikvOnly(parse.GetValue(pd), pd.Name);
                var cluster = Wiring.Cluster(state);
                var name = await ResolveAsync(state, cluster, parse.GetValue(target)!, ct).ConfigureAwait(false);
                var killed = await cluster.KillAsync(name, ct).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    Json.Print(new { node = killed.Name, action = "kill", at = Timestamps.ToWire(killed.At), pid = killed.Pid });
                }
                else
                {
                    Console.WriteLine($"killed {killed.Name} (pid {killed.Pid}) at {Timestamps.ToWire(killed.At)}");
                }

                return 0;
            },
            ct));
        return command;
    }

    private static Command Restart()
    {
        var node = new Argument<string>("node") { Description = "The node to start again with its data dir and flags (TiKV: pd0, store4 or a compose service)" };
        var json = Options.Json();
        var subjects = new SubjectOptions();
        var pd = PdOption(subjects);
        var command = new Command("restart", "Start a killed member again with the same data dir and flags (TiKV: docker compose start of its service)")
        {
            node, json, subjects.Subject, pd,
        };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var state = Options.State(parse);
                if (subjects.IsTikv(parse))
                {
                    var compose = Wiring.ExistingCompose(state, "chaos restart");
                    await using var subject = await TikvSubjectAsync(state, parse.GetValue(pd), ct).ConfigureAwait(false);
                    var done = await new ComposeChaos(compose, subject, Random.Shared).StartAsync(parse.GetValue(node)!, ct).ConfigureAwait(false);
                    Print(done, "restart", parse.GetValue(json));
                    return 0;
                }

                RefuseTikvOnly(parse.GetValue(pd), pd.Name);
                var started = await Wiring.Cluster(Options.State(parse)).RestartAsync(parse.GetValue(node)!, ct).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    Json.Print(new { node = started.Name, action = "restart", at = Timestamps.ToWire(started.LaunchedAt), pid = started.Pid });
                }
                else
                {
                    Console.WriteLine($"restarted {started.Name} (pid {started.Pid}); it answers again");
                }

                return 0;
            },
            ct));
        return command;
    }

    private static Option<string?> PdOption(SubjectOptions subjects)
    {
        var pd = subjects.Pd;
        pd.Description = "TiKV: PD client URLs to ask for the leader and the stores' addresses (default: the compose deployment's)";
        return pd;
    }

    /// <summary>The TiKV subject that resolves targets: PD at <paramref name="pd"/>, else the compose deployment's.</summary>
    private static Task<ISubject> TikvSubjectAsync(StateDirectory state, string? pd, CancellationToken cancellationToken) =>
        new TikvSetup(state, pd, null, null).OpenAsync(TikvProbeTimeout, cancellationToken);

    /// <summary>Same fields as etcd's chaos JSON (a container has no pid of ours: null), plus the service and container.</summary>
    private static void Print(ComposeNodeAction action, string verb, bool json)
    {
        if (json)
        {
            Json.Print(new { node = action.Node, action = verb, at = Timestamps.ToWire(action.At), pid = (int?)null, service = action.Service, container = action.Container });
        }
        else if (verb == "kill")
        {
            Console.WriteLine($"killed {action.Node} (container {action.Container}) at {Timestamps.ToWire(action.At)}");
        }
        else
        {
            Console.WriteLine($"started {action.Node} (container {action.Container}) at {Timestamps.ToWire(action.At)}; PD sees it Up again after its next heartbeat");
        }
    }

    private static void RefuseTikvOnly(string? value, string option)
    {
        if (value is not null)
        {
            throw new OperatorException($"{option} is for TiKV; add --subject tikv");
        }
    }

    /// <summary>leader / follower / random need the live roles; a plain name does not need the cluster to answer.</summary>
    private static async Task<string> ResolveAsync(StateDirectory state, LocalEtcdCluster cluster, string target, CancellationToken cancellationToken)
    {
        List<ChaosCandidate> candidates;
        if (target is ChaosTarget.LeaderKeyword or ChaosTarget.FollowerKeyword or ChaosTarget.RandomKeyword)
        {
            // A cold process spends its first probes on JIT and connections, and a busy machine can stretch them past
            // the deadline: look again (up to three times) before saying no node fits.
            await using var subject = await Wiring.SubjectAsync(state, null, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            candidates = [];
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var o = await subject.ObserveAsync(cancellationToken).ConfigureAwait(false);
                candidates = o.Nodes.Select(n => new ChaosCandidate(n.Name, n.IsUp, n.IsLeader)).ToList();
                if (ChaosTarget.TryResolve(target, candidates, Random.Shared) is { } name)
                {
                    return name;
                }
            }
        }
        else
        {
            candidates = cluster.Nodes().Select(n => new ChaosCandidate(n.Name, n.IsRunning, false)).ToList();
        }

        return ChaosTarget.Resolve(target, candidates, Random.Shared);
    }
}
