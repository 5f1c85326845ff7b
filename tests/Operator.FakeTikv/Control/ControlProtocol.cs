using System.Globalization;
using System.Text.Json;
using Operator.Core.Time;
using Operator.FakeTikv.Pd;
using Operator.FakeTikv.Prometheus;
using Operator.FakeTikv.Regions;
using Operator.FakeTikv.Tikv;

namespace Operator.FakeTikv.Control;

/// <summary>
/// The executable's stdin protocol: one command per line, answered by one line, <c>ok …</c> or <c>error …</c>.
/// Stores are named by id (<c>4</c>) or name (<c>store4</c>), PD members by name (<c>pd1</c>). See <see cref="Help"/>.
/// </summary>
public sealed class ControlProtocol(FakeTikvCluster cluster)
{
    public const string Help =
        "commands: kill-store S | hang-store S | restart-store S | pd-state S Up|Disconnected|Down|Offline|Tombstone | "
        + "heartbeat-age S DURATION | disk S CAPACITY AVAILABLE | latency S SECONDS [grpc|write|append|commit|apply|propose|apply-wait] | "
        + "qps S N | cpu S CORES | leaders S N | regions S N | slow-score S N | leader-missing S N | idle S on|off | "
        + "region-check miss-peer|extra-peer|down-peer|pending-peer N | kill-pd P | hang-pd P | restart-pd P | no-pd-leader | elect-pd [P] | "
        + "pd-fault PATH html|truncated-json|server-error|hang|drop|none [P] | prometheus up|down|hang|error | bootstrap | "
        + "endpoints | status | requests [PATH-PREFIX] | queries | help";

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Execute(string line)
    {
        var words = (line ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return "error empty command; try help";
        }

        try
        {
            return Run(words[0], words[1..]);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or FormatException or System.Net.Sockets.SocketException)
        {
            return $"error {words[0]}: {e.Message}";
        }
    }

    private string Run(string command, string[] args) => command switch
    {
        "help" => "ok " + Help,
        "endpoints" => "ok " + cluster.Endpoints().ToJsonLine(),
        "status" => "ok " + Status(),
        "kill-store" => StoreAction(args, s => s.Kill(), "killed"),
        "hang-store" => StoreAction(args, s => s.Hang(), "hung"),
        "restart-store" => StoreAction(args, s => s.Restart(), "restarted"),
        "pd-state" => PdState(args),
        "heartbeat-age" => Expect(args, 2, () =>
        {
            var store = cluster.Store(args[0]);
            store.SetHeartbeatAge(Duration(args[1]));
            return $"ok {store.Name} last heartbeat {args[1]} ago: PD says {store.Snapshot().StateName}";
        }),
        "disk" => Expect(args, 3, () =>
        {
            var store = cluster.Store(args[0]);
            store.Status = store.Status with { CapacityBytes = Size(args[1]), AvailableBytes = Size(args[2]) };
            return $"ok {store.Name} capacity {store.Status.CapacityBytes} available {store.Status.AvailableBytes}";
        }),
        "latency" => Latency(args),
        "qps" => MetricAction(args, (m, v) => m with { Qps = v }),
        "cpu" => MetricAction(args, (m, v) => m with { CpuCores = v }),
        "leader-missing" => MetricAction(args, (m, v) => m with { LeaderMissing = (int)v }),
        "leaders" => StatusAction(args, (s, v) => s with { LeaderCount = v }),
        "regions" => StatusAction(args, (s, v) => s with { RegionCount = v }),
        "slow-score" => StatusAction(args, (s, v) => s with { SlowScore = v }),
        "idle" => Expect(args, 2, () =>
        {
            var store = cluster.Store(args[0]);
            store.Metrics = store.Metrics with { Idle = args[1] switch { "on" => true, "off" => false, _ => throw new FormatException("idle takes on or off") } };
            return $"ok {store.Name} idle {args[1]}";
        }),
        "region-check" => Expect(args, 2, () =>
        {
            if (!RegionCheckNames.TryParse(args[0], out var check))
            {
                throw new FormatException($"unknown region check {args[0]}");
            }

            cluster.Regions.SetCount(check, Int(args[1]));
            return $"ok {args[0]} {args[1]}";
        }),
        "kill-pd" => PdAction(args, m => m.Kill(), "killed"),
        "hang-pd" => PdAction(args, m => m.Hang(), "hung"),
        "restart-pd" => PdAction(args, m => m.Restart(), "restarted"),
        "no-pd-leader" => Expect(args, 0, () =>
        {
            cluster.Pd.RemoveLeader();
            return "ok PD has no leader";
        }),
        "elect-pd" => ElectPd(args),
        "pd-fault" => PdFault(args),
        "prometheus" => Prometheus(args),
        "bootstrap" => Expect(args, 0, () =>
        {
            cluster.Bootstrap();
            return "ok bootstrapped";
        }),
        "requests" => "ok " + JsonSerializer.Serialize(cluster.Requests.Snapshot()
            .Where(r => args.Length == 0 || r.Path.StartsWith(args[0], StringComparison.Ordinal))
            .Select(r => new { server = r.Server, method = r.Method, path = r.Path, count = r.Count }), Json),
        "queries" => "ok " + JsonSerializer.Serialize(new { all = cluster.Prometheus.Queries.All, unknown = cluster.Prometheus.Queries.Unknown }, Json),
        _ => $"error unknown command {command}; try help",
    };

    private string Status()
    {
        var stores = cluster.Stores.Select(s => s.Snapshot()).Select(s => new
        {
            id = s.Id,
            process = s.Process.ToString(),
            pdState = s.StateName.ToString(),
            heartbeatAgeSeconds = Math.Round(s.HeartbeatAge.TotalSeconds, 3),
        });
        var members = cluster.PdMembers.Select(m => new { name = m.Name, process = m.Process.ToString(), leader = m.IsLeader });
        return JsonSerializer.Serialize(new { pd = members, stores, prometheus = cluster.Prometheus.Mode.ToString() }, Json);
    }

    private string PdState(string[] args) => Expect(args, 2, () =>
    {
        if (!StoreStateRule.TryParse(args[1], out var state))
        {
            throw new FormatException($"unknown store state {args[1]} (Up, Disconnected, Down, Offline, Tombstone)");
        }

        var store = cluster.Store(args[0]);
        store.SetPdState(state);
        return $"ok {store.Name} PD says {store.Snapshot().StateName}";
    });

    private string Latency(string[] args)
    {
        if (args.Length is not (2 or 3))
        {
            throw new ArgumentException("latency takes a store, seconds and optionally a histogram");
        }

        var store = cluster.Store(args[0]);
        var seconds = Duration(args[1]).TotalSeconds;
        var which = args.Length == 3 ? args[2] : "grpc";
        store.Metrics = which switch
        {
            "grpc" => store.Metrics with { GrpcP99Seconds = seconds },
            "write" => store.Metrics with { WriteP99Seconds = seconds },
            "append" => store.Metrics with { AppendLogP99Seconds = seconds },
            "commit" => store.Metrics with { CommitLogP99Seconds = seconds },
            "apply" => store.Metrics with { ApplyLogP99Seconds = seconds },
            "propose" => store.Metrics with { ProposeWaitP99Seconds = seconds },
            "apply-wait" => store.Metrics with { ApplyWaitP99Seconds = seconds },
            _ => throw new FormatException($"unknown latency histogram {which}"),
        };
        return $"ok {store.Name} {which} p99 {seconds.ToString(CultureInfo.InvariantCulture)} s";
    }

    private string ElectPd(string[] args)
    {
        if (args.Length > 1)
        {
            throw new ArgumentException("elect-pd takes at most one member name");
        }

        cluster.Pd.ElectLeader(args.Length == 1 ? args[0] : null);
        return $"ok {cluster.Pd.Leader!.Name} leads";
    }

    private string PdFault(string[] args)
    {
        if (args.Length is not (2 or 3))
        {
            throw new ArgumentException("pd-fault takes a path, a fault and optionally a member");
        }

        var member = args.Length == 3 ? cluster.Pd[args[2]].Name : null;
        if (args[1] == "none")
        {
            cluster.PdFaults.Clear(args[0], member);
            return $"ok {args[0]} answers normally";
        }

        var fault = args[1] switch
        {
            "html" => Pd.PdFault.Html,
            "truncated-json" => Pd.PdFault.TruncatedJson,
            "server-error" => Pd.PdFault.ServerError,
            "hang" => Pd.PdFault.Hang,
            "drop" => Pd.PdFault.Drop,
            _ => throw new FormatException($"unknown fault {args[1]}"),
        };
        cluster.PdFaults.Set(args[0], fault, member);
        return $"ok {args[0]} {args[1]}";
    }

    private string Prometheus(string[] args) => Expect(args, 1, () =>
    {
        switch (args[0])
        {
            case "up":
                cluster.Prometheus.Restore();
                break;
            case "down":
                cluster.Prometheus.GoDown();
                break;
            case "hang":
                cluster.Prometheus.Hang();
                break;
            case "error":
                cluster.Prometheus.FailQueries(QueryFailure.Timeout);
                break;
            default:
                throw new FormatException("prometheus takes up, down, hang or error");
        }

        return $"ok prometheus {cluster.Prometheus.Mode.ToString().ToLowerInvariant()}";
    });

    private string StoreAction(string[] args, Action<FakeStore> action, string done) => Expect(args, 1, () =>
    {
        var store = cluster.Store(args[0]);
        action(store);
        return $"ok {store.Name} {done} (status {store.StatusAddress})";
    });

    private string PdAction(string[] args, Action<FakePdMember> action, string done) => Expect(args, 1, () =>
    {
        var member = cluster.Pd[args[0]];
        action(member);
        return $"ok {member.Name} {done}; leader {cluster.Pd.Leader?.Name ?? "none"}";
    });

    private string MetricAction(string[] args, Func<StoreMetricValues, double, StoreMetricValues> change) => Expect(args, 2, () =>
    {
        var store = cluster.Store(args[0]);
        store.Metrics = change(store.Metrics, Number(args[1]));
        return $"ok {store.Name}";
    });

    private string StatusAction(string[] args, Func<StoreStatusValues, int, StoreStatusValues> change) => Expect(args, 2, () =>
    {
        var store = cluster.Store(args[0]);
        store.Status = change(store.Status, Int(args[1]));
        return $"ok {store.Name}";
    });

    private static string Expect(string[] args, int count, Func<string> run) =>
        args.Length == count ? run() : throw new ArgumentException($"expected {count} argument{(count == 1 ? "" : "s")}, got {args.Length}");

    private static TimeSpan Duration(string text) =>
        DurationText.TryParse(text, out var value) ? value : throw new FormatException($"not a duration: {text} (e.g. 45s, 31m, 0.25)");

    private static long Size(string text) =>
        SizeText.TryParse(text, out var bytes) ? bytes : throw new FormatException($"not a size: {text} (e.g. 250GiB, 1073741824)");

    private static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
            ? value
            : throw new FormatException($"not a number: {text}");

    private static int Int(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"not a count: {text}");
}
