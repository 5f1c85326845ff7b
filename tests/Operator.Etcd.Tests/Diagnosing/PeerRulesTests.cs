using Operator.Core.Diagnosis;
using Operator.Core.Observing;
using Operator.Etcd.Diagnosing;
using Operator.Etcd.Tests.Invariants;
using static Operator.Etcd.Tests.Diagnosing.Given;

namespace Operator.Etcd.Tests.Diagnosing;

/// <summary>network_partition and network_latency from the peer probe's evidence, and the causes they must beat.</summary>
public sealed class PeerRulesTests
{
    private static readonly DateTimeOffset Now = At(5);
    private readonly Etcd.Diagnosing.Rules.RulesEngine _engine = new(new FixedClock(Now));

    private const string CutN2 = "reset: probe peer port http://127.0.0.1:23802: connection reset by peer";
    private const string TimeoutN2 = "timeout: probe peer port http://127.0.0.1:23802: no answer within 300 ms";

    /// <summary>An up member with its id, the leader it follows and a peer probe result.</summary>
    private static NodeObservation Member(
        string name,
        string id,
        string? leaderId = "1",
        double? roundTrip = 0.0011,
        string? peerError = null,
        bool leader = false,
        double clientMs = 2,
        Dictionary<string, HistogramSnapshot>? histograms = null,
        Dictionary<string, double>? metrics = null)
    {
        var facts = new Dictionary<string, string> { [EtcdReadings.MemberId] = id, [EtcdReadings.PeerUrl] = $"http://127.0.0.1:2380{id}" };
        if (peerError is not null)
        {
            facts[EtcdReadings.PeerError] = peerError;
        }

        var values = new Dictionary<string, double>(metrics ?? []) { [EtcdReadings.RaftTerm] = 2 };
        if (roundTrip is { } rtt)
        {
            values[EtcdReadings.PeerRoundTripSeconds] = rtt;
        }

        var pid = 4120 + int.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
        var node = Obs.Node(name, leader: leader, leaderId: leaderId, pid: pid, metrics: values, facts: facts, histograms: histograms);
        return node with { ProbeLatency = TimeSpan.FromMilliseconds(clientMs) };
    }

    private static object Snapshot(string state, string? peerError, double? roundTrip, double clientMs) => new Dictionary<string, object?>
    {
        ["node"] = "n2",
        ["state"] = state,
        ["pid"] = 4122,
        ["process"] = "running",
        ["probeLatencyMs"] = clientMs,
        ["metrics"] = roundTrip is { } r ? new Dictionary<string, object?> { [EtcdReadings.PeerRoundTripSeconds] = r } : new Dictionary<string, object?>(),
        ["facts"] = peerError is { } p
            ? new Dictionary<string, object?> { [EtcdReadings.PeerError] = p, [EtcdReadings.PeerUrl] = "http://127.0.0.1:23802" }
            : new Dictionary<string, object?> { [EtcdReadings.PeerUrl] = "http://127.0.0.1:23802" },
    };

    /// <summary>Partition of follower n2 by the fault proxy: its peer port resets, it lost the leader; it runs and answers.</summary>
    public static DiagnosisContext IsolatedNode() => Context(
        Ticket("member_isolated", "n2", $"n2 is isolated from its peers: its peer port cuts the monitor's probe (probe peer port http://127.0.0.1:23802: connection reset by peer) while n1 and n3 answer on theirs; it still answers on its client port",
            Snapshot("up", CutN2, null, 2.4)),
        Obs.Of(Now, "n1", Member("n1", "1", leader: true), Member("n2", "2", leaderId: null, roundTrip: null, peerError: CutN2), Member("n3", "3", roundTrip: 0.0009)),
        nodeLogs: [Log("n2", 1.2, "warn", "lost TCP streaming connection with remote peer", ("remote-peer-id", "8e9e05c52164694d"), ("error", "unexpected EOF"))],
        peerLogs:
        [
            Log("n1", 0.1, "warn", "lost TCP streaming connection with remote peer", ("remote-peer-id", "fa1316e641555fec"), ("error", "unexpected EOF")),
            Log("n3", 0.3, "warn", "prober detected unhealthy status", ("remote-peer-id", "fa1316e641555fec"), ("error", "read tcp 127.0.0.1:51234->127.0.0.1:23802: read: connection reset by peer")),
        ],
        pid: 4122,
        process: ProcessState.Running);

    /// <summary>200 ms each way on n2's peer traffic: its probe takes 402 ms while its client port and the others are fast.</summary>
    public static DiagnosisContext SlowPeerPath(double roundTrip = 0.4021, string? peerError = null) => Context(
        Ticket("peer_latency_high", "n2", $"n2 peer round trip {roundTrip * 1000:0.#} ms exceeds 100 ms (GET http://127.0.0.1:23802/raft/probing) while its client port answers in 2.1 ms; n1 1.1 ms, n3 0.9 ms",
            Snapshot("up", peerError, roundTrip, 2.1), Core.Invariants.Severity.Warning),
        Obs.Of(Now, "n1",
            Member("n1", "1", leader: true, histograms: new() { [EtcdReadings.WalFsyncDuration] = P99(0.004), [EtcdReadings.RequestDuration] = P99(0.01) }),
            Member("n2", "2", roundTrip: roundTrip - 0.004, peerError: peerError, histograms: new() { [EtcdReadings.WalFsyncDuration] = P99(0.005), [EtcdReadings.RequestDuration] = P99(0.012) }),
            Member("n3", "3", roundTrip: 0.0009)),
        pid: 4122,
        process: ProcessState.Running);

    [Fact]
    public async Task Member_whose_peer_port_is_cut_while_it_runs_and_answers_is_partitioned()
    {
        var d = await _engine.DiagnoseAsync(IsolatedNode(), CancellationToken.None);

        Assert.Equal(EtcdCauses.NetworkPartition, d.Cause);
        Assert.Equal("n2", d.Node);
        Assert.Contains("n2's peer port cuts the monitor's probe (probe peer port http://127.0.0.1:23802: connection reset by peer) while its client port answers", d.PrimaryDiagnosis);
        Assert.Contains("the other members' peer ports answer (n1 1.1 ms and n3 0.9 ms)", d.PrimaryDiagnosis);
        Assert.Contains("n2 knows no leader while the others follow n1", d.PrimaryDiagnosis);
        Assert.Contains("pid 4122 is running", d.PrimaryDiagnosis);
        Assert.True(d.ConfidenceScore >= 0.8, $"confidence {d.ConfidenceScore}");
        Assert.Contains("curl -s -m 2 http://127.0.0.1:23802/raft/probing", d.Commands);
        AssertRuledOut(d, EtcdCauses.ProcessCrashed, EtcdCauses.ProcessHung, EtcdCauses.NetworkLatency, EtcdCauses.QuorumLost, EtcdCauses.SlowDisk, EtcdCauses.Overload, EtcdCauses.DiskFull, EtcdCauses.LeaderFlapping);
    }

    [Fact]
    public async Task Old_leader_cut_off_from_its_peers_that_still_believes_it_leads_is_partitioned()
    {
        var context = IsolatedNode() with
        {
            Now = Obs.Of(Now, "n1", Member("n1", "1", leader: true), Member("n2", "2", leaderId: "2", leader: true, roundTrip: null, peerError: CutN2), Member("n3", "3", roundTrip: 0.0009)),
        };

        var d = await _engine.DiagnoseAsync(context, CancellationToken.None);

        Assert.Equal(EtcdCauses.NetworkPartition, d.Cause);
        Assert.Contains("n2 still believes it leads while the others follow n1", d.PrimaryDiagnosis);
    }

    [Fact]
    public async Task Slow_peer_round_trip_with_a_fast_client_port_and_fast_disk_is_network_latency()
    {
        var d = await _engine.DiagnoseAsync(SlowPeerPath(), CancellationToken.None);

        Assert.Equal(EtcdCauses.NetworkLatency, d.Cause);
        Assert.Equal("n2", d.Node);
        Assert.Equal("warning", d.Severity);
        Assert.Contains("n2's peer round trip (GET http://127.0.0.1:23802/raft/probing) is 402.1 ms", d.PrimaryDiagnosis);
        Assert.Contains("the other members' peer ports answer in n1 1.1 ms and n3 0.9 ms", d.PrimaryDiagnosis);
        Assert.Contains("n2 answers on its client port in 2 ms", d.PrimaryDiagnosis);
        Assert.True(d.ConfidenceScore >= 0.8, $"confidence {d.ConfidenceScore}");
        Assert.Contains(d.Commands, c => c.StartsWith("ping -c 5 127.0.0.1", StringComparison.Ordinal));
        Assert.Contains(d.Commands, c => c.StartsWith("mtr ", StringComparison.Ordinal));
        Assert.Contains(d.Risks, r => r.Contains("restarting n2", StringComparison.Ordinal));
        Assert.Contains(d.MetricReadings, r => r.Node == "n2" && r.Name == EtcdReadings.PeerRoundTripSeconds && r.Value > 0.3 && r.Unit == "seconds");
        AssertRuledOut(d, EtcdCauses.NetworkPartition, EtcdCauses.SlowDisk, EtcdCauses.Overload, EtcdCauses.ProcessHung, EtcdCauses.ProcessCrashed, EtcdCauses.QuorumLost);
        Assert.Contains(Alternative(d, EtcdCauses.NetworkPartition).Contradicting, c => c.Contains("answers, only slowly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Peer_probe_timing_out_is_latency_but_not_with_high_confidence()
    {
        var d = await _engine.DiagnoseAsync(SlowPeerPath(0.3, TimeoutN2), CancellationToken.None);

        Assert.Equal(EtcdCauses.NetworkLatency, d.Cause);
        Assert.Contains("did not answer GET /raft/probing within", d.PrimaryDiagnosis);
        Assert.InRange(d.ConfidenceScore, 0.5, 0.79);
    }

    [Fact]
    public async Task Slow_disk_and_slow_requests_on_the_same_member_do_not_read_as_network_latency()
    {
        var context = SlowPeerPath() with
        {
            Now = Obs.Of(Now, "n1",
                Member("n1", "1", leader: true),
                Member("n2", "2", roundTrip: 0.3, clientMs: 240, metrics: new() { [EtcdReadings.ProposalsPending] = 42 }, histograms: new() { [EtcdReadings.WalFsyncDuration] = P99(0.8), [EtcdReadings.RequestDuration] = P99(1.5) }),
                Member("n3", "3")),
        };
        context = context with { Ticket = context.Ticket with { Snapshot = System.Text.Json.JsonSerializer.Serialize(Snapshot("up", null, 0.3, 240)) } };

        var d = await _engine.DiagnoseAsync(context, CancellationToken.None);

        Assert.NotEqual(EtcdCauses.NetworkLatency, d.Cause);
        Assert.True(Alternative(d, EtcdCauses.NetworkLatency).Contradicting.Count > 0);
    }

    [Fact]
    public async Task Killed_member_with_a_refusing_peer_port_is_still_a_crash_not_a_network_fault()
    {
        var killed = RulesEngineTests.KilledFollower();
        var n2 = killed.Now.Node("n2")!;
        var withPeer = n2 with { Facts = new Dictionary<string, string>(n2.Facts) { [EtcdReadings.PeerError] = "refused: probe peer port http://127.0.0.1:23802: connection refused" } };
        var context = killed with { Now = killed.Now with { Nodes = [.. killed.Now.Nodes.Select(n => n.Name == "n2" ? withPeer : n)] } };

        var d = await _engine.DiagnoseAsync(context, CancellationToken.None);

        Assert.Equal(EtcdCauses.ProcessCrashed, d.Cause);
        AssertRuledOut(d, EtcdCauses.NetworkPartition, EtcdCauses.NetworkLatency);
    }

    [Fact]
    public async Task Stopped_member_whose_peer_probe_timed_out_is_still_hung_not_slow()
    {
        var stopped = RulesEngineTests.StoppedNode();
        var n2 = stopped.Now.Node("n2")!;
        var withPeer = n2 with
        {
            Facts = new Dictionary<string, string>(n2.Facts) { [EtcdReadings.PeerError] = TimeoutN2 },
            Metrics = new Dictionary<string, double>(n2.Metrics) { [EtcdReadings.PeerRoundTripSeconds] = 0.3 },
        };
        var context = stopped with { Now = stopped.Now with { Nodes = [.. stopped.Now.Nodes.Select(n => n.Name == "n2" ? withPeer : n)] } };

        var d = await _engine.DiagnoseAsync(context, CancellationToken.None);

        Assert.Equal(EtcdCauses.ProcessHung, d.Cause);
        AssertRuledOut(d, EtcdCauses.NetworkPartition, EtcdCauses.NetworkLatency);
    }

    [Fact]
    public void Cause_vocabulary_lists_network_latency_once()
    {
        Assert.Single(EtcdCauses.All, c => c == "network_latency");
        Assert.Equal(EtcdCauses.All.Count, EtcdCauses.All.Distinct(StringComparer.Ordinal).Count());
    }

    private static Alternative Alternative(Diagnosis d, string cause) =>
        Assert.Single(d.Alternatives, a => a.Hypothesis.StartsWith(cause + ":", StringComparison.Ordinal));

    private static void AssertRuledOut(Diagnosis d, params string[] causes)
    {
        foreach (var cause in causes)
        {
            var alternative = Alternative(d, cause);
            Assert.True(alternative.Conclusion.StartsWith("ruled out: ", StringComparison.Ordinal), $"{cause}: {alternative.Conclusion}");
        }
    }
}
