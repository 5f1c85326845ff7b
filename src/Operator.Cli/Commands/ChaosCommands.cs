using System.CommandLine;
using Operator.Core.Time;
using Operator.Etcd.Local;

namespace Operator.Cli.Commands;

/// <summary><c>operator chaos kill|restart</c>: inject and undo process faults in the local cluster.</summary>
internal static class ChaosCommands
{
    public static Command Build()
    {
        var chaos = new Command("chaos", "Inject faults into the local cluster");
        chaos.Add(Kill());
        chaos.Add(Restart());
        return chaos;
    }

    private static Command Kill()
    {
        var target = new Argument<string>("target") { Description = "A node name (n2), or leader, follower, random — resolved against the live cluster" };
        var json = Options.Json();
        var command = new Command("kill", "SIGKILL one member's process") { target, json };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var state = Options.State(parse);
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
        var node = new Argument<string>("node") { Description = "The node to start again with its data dir and flags" };
        var json = Options.Json();
        var command = new Command("restart", "Start a killed member again with the same data dir and flags") { node, json };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
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
