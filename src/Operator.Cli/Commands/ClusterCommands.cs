using System.CommandLine;
using Operator.Cli.Subjects;
using Operator.Core;
using Operator.Core.Observing;
using Operator.Etcd;
using Operator.Etcd.Local;

namespace Operator.Cli.Commands;

/// <summary><c>operator cluster up|status|down</c>: the local etcd cluster, or with <c>--subject tikv</c> the TiKV compose deployment.</summary>
internal static class ClusterCommands
{
    public static Command Build()
    {
        var cluster = new Command("cluster", "Run and inspect the local etcd cluster, or the TiKV playground (--subject tikv)");
        cluster.Add(Up());
        cluster.Add(Status());
        cluster.Add(Down());
        return cluster;
    }

    private static Command Up()
    {
        var nodes = new Option<int?>("--nodes") { Description = "Number of members (default 3 for a new cluster, else the recorded size)" };
        nodes.Validators.Add(r =>
        {
            var n = r.GetValueOrDefault<int?>();
            if (n is < 1 or > 9)
            {
                r.AddError("--nodes must be between 1 and 9");
            }
        });
        var etcdBin = new Option<string?>("--etcd-bin") { Description = "Path to the etcd binary (default: etcd on PATH)" };
        var quota = new Option<long?>("--quota-backend-bytes")
        {
            Description = "etcd backend quota of a new cluster: bytes or a size with KiB, MiB or GiB (e.g. 16MiB); default etcd's own",
            HelpName = "SIZE",
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
                if (ByteSizeText.TryParse(text, out var bytes))
                {
                    return bytes;
                }

                r.AddError($"--quota-backend-bytes: '{text}' is not a size; use a byte count or e.g. 16MiB, 512KiB, 2GiB");
                return null;
            },
        };
        var subjects = new SubjectOptions();
        var command = new Command("up", "Start a local etcd cluster on 127.0.0.1 (or, with --subject tikv, the TiKV playground in Docker); returns when it is healthy")
        {
            nodes, etcdBin, quota, subjects.Subject,
        };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var state = Options.State(parse).EnsureWritable();
                if (subjects.IsTikv(parse))
                {
                    RefuseEtcdOnly(parse.GetValue(nodes) is not null, "--nodes", "the TiKV compose cluster always runs 3 PD members and 3 stores");
                    RefuseEtcdOnly(parse.GetValue(etcdBin) is not null, "--etcd-bin", "the TiKV cluster runs in Docker (docker on PATH)");
                    RefuseEtcdOnly(parse.GetValue(quota) is not null, "--quota-backend-bytes", "the TiKV playground's configuration is fixed");
                    var compose = Wiring.Compose(state);
                    var services = await compose.UpAsync(ct).ConfigureAwait(false);
                    Console.Write(ComposeUpView.Render(services, compose.Project, compose.Directory));
                    return 0;
                }

                var started = await Wiring.Cluster(state).UpAsync(parse.GetValue(nodes), parse.GetValue(etcdBin), parse.GetValue(quota), ct).ConfigureAwait(false);
                foreach (var n in started)
                {
                    Console.WriteLine($"{n.Name}  pid {n.Pid}  client {Display(n.ClientUrl)}  peer {Display(n.PeerUrl)}  metrics {Display(n.MetricsUrl)}");
                }

                Console.WriteLine($"cluster is healthy ({started.Count} members); state in {state.Path}");
                return 0;
            },
            ct));
        return command;
    }

    private static Command Status()
    {
        var json = Options.Json();
        var subjects = new SubjectOptions();
        var probeTimeout = Options.ProbeTimeout(TimeSpan.FromSeconds(1));
        var command = new Command("status", "Show every member: state, leader, pid, client URL (TiKV: PD members and stores)") { json, probeTimeout };
        subjects.AddTo(command);
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var state = Options.State(parse);
                var setup = subjects.Resolve(parse, state);
                await using var subject = await setup.OpenAsync(parse.GetValue(probeTimeout), ct).ConfigureAwait(false);
                var o = await subject.ObserveAsync(ct).ConfigureAwait(false);
                if (o.Nodes.Any(n => n.State == NodeState.Unresponsive))
                {
                    // A cold process spends its first probes on JIT and connection setup: look again before calling a node unresponsive.
                    o = await subject.ObserveAsync(ct).ConfigureAwait(false);
                }

                if (setup.Name == SubjectOptions.Tikv)
                {
                    if (parse.GetValue(json))
                    {
                        Json.Print(TikvStatusJson.From(o));
                    }
                    else
                    {
                        Console.Write(TikvStatusView.Render(o));
                    }
                }
                else if (parse.GetValue(json))
                {
                    var local = LocalCluster(parse, subjects, state);
                    Json.Print(new
                    {
                        nodes = o.Nodes.Select(n => new
                        {
                            name = n.Name,
                            state = n.State.ToWire(),
                            leader = n.IsLeader,
                            pid = n.Pid,
                            clientUrl = Display(new Uri(n.Address)),
                            error = n.Error,
                            raftTerm = n.Metric(EtcdReadings.RaftTerm),
                            dbSizeBytes = n.Metric(EtcdReadings.DbSizeBytes),
                        }),
                        leader = o.Fact(EtcdReadings.Leader),
                        observedAt = Core.Time.Timestamps.ToWire(o.At),
                        quotaBackendBytes = local?.Spec.QuotaBackendBytes,
                        faultProxy = local is { Spec.HasFaultProxy: true } ? new { running = local.Value.ProxyPid is not null, pid = local.Value.ProxyPid } : null,
                        alarms = ClusterStatusView.Alarms(o).Select(a => new { alarm = a.Alarm, nodes = a.Nodes }),
                        injectedFaults = local is null
                            ? null
                            : FaultCommands.Store(state).List().Select(f => new { id = f.Id, fault = f.Plan.Fault, node = f.Plan.Node, nodes = f.Plan.Nodes, injectedAt = f.InjectedAt }),
                    });
                }
                else
                {
                    Console.Write(ClusterStatusView.Render(o));
                    if (LocalCluster(parse, subjects, state) is { } local)
                    {
                        Console.Write(ClusterStatusView.RenderLocal(local.Spec.QuotaBackendBytes, local.Spec.HasFaultProxy, local.ProxyPid, FaultCommands.Store(state).List()));
                    }
                }

                return 0;
            },
            ct));
        return command;
    }

    private static Command Down()
    {
        var purge = new Option<bool>("--purge") { Description = "Also delete the members' data dirs, logs and cluster.json (TiKV: the data volumes and compose files); the ticket database is kept" };
        var subjects = new SubjectOptions();
        var command = new Command("down", "Stop exactly the member processes recorded in the state dir (TiKV: docker compose down)") { purge, subjects.Subject };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                var state = Options.State(parse);
                if (subjects.IsTikv(parse))
                {
                    var compose = Wiring.Compose(state);
                    await compose.DownAsync(parse.GetValue(purge), ct).ConfigureAwait(false);
                    Console.WriteLine(parse.GetValue(purge)
                        ? $"TiKV cluster removed with its data volumes (compose project {compose.Project}); files deleted from {compose.Directory}"
                        : $"TiKV cluster stopped: containers removed, data volumes kept (compose project {compose.Project})");
                    return 0;
                }

                var cluster = Wiring.Cluster(state);
                var proxyPid = cluster.Exists ? cluster.FaultProxyPid() : null;
                var stopped = await cluster.DownAsync(parse.GetValue(purge), ct).ConfigureAwait(false);
                foreach (var s in stopped)
                {
                    Console.WriteLine(s.Outcome switch
                    {
                        StopOutcome.Terminated => $"{s.Name} stopped (pid {s.Pid}{(s.WasLeader ? ", leader" : string.Empty)})",
                        StopOutcome.Killed => $"{s.Name} did not stop in time and was killed (pid {s.Pid})",
                        _ => $"{s.Name} was not running",
                    });
                }

                if (proxyPid is not null)
                {
                    Console.WriteLine($"fault proxy stopped (pid {proxyPid})");
                }

                Console.WriteLine(parse.GetValue(purge) ? $"cluster stopped and purged from {state.Path}" : "cluster stopped");
                return 0;
            },
            ct));
        return command;
    }

    internal static string Display(Uri url) => url.GetLeftPart(UriPartial.Authority);

    /// <summary>The local cluster's spec and fault proxy pid, or null when status looks at external endpoints or no local cluster exists.</summary>
    private static (LocalClusterSpec Spec, int? ProxyPid)? LocalCluster(ParseResult parse, SubjectOptions subjects, StateDirectory state)
    {
        if (parse.GetValue(subjects.Endpoints) is not null)
        {
            return null;
        }

        var cluster = Wiring.Cluster(state);
        return cluster.Exists ? (cluster.Spec(), cluster.FaultProxyPid()) : null;
    }

    private static void RefuseEtcdOnly(bool given, string option, string why)
    {
        if (given)
        {
            throw new OperatorException($"{option} is for etcd; {why}");
        }
    }
}
