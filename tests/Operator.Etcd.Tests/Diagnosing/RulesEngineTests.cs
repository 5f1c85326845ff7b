using Operator.Core.Diagnosis;
using Operator.Core.Observing;
using Operator.Etcd.Diagnosing;
using Operator.Etcd.Diagnosing.Rules;
using Operator.Etcd.Tests.Invariants;
using static Operator.Etcd.Tests.Diagnosing.Given;

namespace Operator.Etcd.Tests.Diagnosing;

public sealed class RulesEngineTests
{
    private static readonly DateTimeOffset Now = At(5);
    private readonly RulesEngine _engine = new(new FixedClock(Now));

    private const string RefusedN2 = "get status from http://127.0.0.1:23792: connection refused";

    // ---- fixtures, one per hypothesis -------------------------------------------------------

    /// <summary>SIGKILL of follower n2: refused, pid gone, peers saw EOF (reference §4.2a).</summary>
    public static DiagnosisContext KilledFollower(int? pid = 4121, ProcessState process = ProcessState.Gone) => Context(
        Ticket("member_down", "n2", $"n2 is down: {RefusedN2} (process 4121 has exited); 2 of 3 members up",
            new { node = "n2", state = "down", pid = 4121, process = "gone", error = $"{RefusedN2} (process 4121 has exited)" }),
        Obs.Of(Now, Obs.Node("n1", leader: true), Obs.Node("n2", NodeState.Down, pid: pid, process: process, error: pid is null ? RefusedN2 : $"{RefusedN2} (process 4121 has exited)"), Obs.Node("n3")),
        nodeLogs: [Log("n2", -30, "info", "published local member to cluster through raft")],
        peerLogs:
        [
            Log("n1", 0, "warn", "lost TCP streaming connection with remote peer", ("stream-reader-type", "stream Message"), ("local-member-id", "8e9e05c52164694d"), ("remote-peer-id", "fa1316e641555fec"), ("error", "unexpected EOF")),
            Log("n3", 0.004, "warn", "lost TCP streaming connection with remote peer", ("remote-peer-id", "fa1316e641555fec"), ("error", "unexpected EOF")),
            Log("n1", 0.01, "warn", "peer became inactive (message send to peer failed)", ("peer-id", "fa1316e641555fec"), ("error", "failed to dial fa1316e641555fec on stream Message (peer fa1316e641555fec failed to find local node 8e9e05c52164694d)")),
            Log("n3", 5, "warn", "prober detected unhealthy status", ("round-tripper-name", "ROUND_TRIPPER_RAFT_MESSAGE"), ("remote-peer-id", "fa1316e641555fec"), ("rtt", "0s"), ("error", "dial tcp 127.0.0.1:23802: connect: connection refused")),
        ],
        pid: pid,
        process: process);

    /// <summary>SIGSTOP of n2: the connect succeeds, no answer, pid stopped; peers see i/o timeouts (§4.2c).</summary>
    public static DiagnosisContext StoppedNode() => Context(
        Ticket("member_unresponsive", "n2", "n2 is paused: get status from http://127.0.0.1:23792: no answer within 1000 ms (process 4121 is stopped, e.g. SIGSTOP)",
            new { node = "n2", state = "paused", pid = 4121, process = "stopped", error = "get status from http://127.0.0.1:23792: no answer within 1000 ms (process 4121 is stopped, e.g. SIGSTOP)" }),
        Obs.Of(Now, Obs.Node("n1", leader: true), Obs.Node("n2", NodeState.Paused, pid: 4121, process: ProcessState.Stopped, error: "get status from http://127.0.0.1:23792: no answer within 1000 ms (process 4121 is stopped, e.g. SIGSTOP)"), Obs.Node("n3")),
        nodeLogs: [Log("n2", -60, "warn", "leader failed to send out heartbeat on time; took too long, leader is overloaded likely from slow disk", ("to", "8e9e05c52164694d"), ("heartbeat-interval", "100ms"), ("expected-duration", "200ms"), ("exceeded-duration", "27.79s"))],
        peerLogs:
        [
            Log("n1", 2.5, "warn", "prober detected unhealthy status", ("round-tripper-name", "ROUND_TRIPPER_SNAPSHOT"), ("remote-peer-id", "fa1316e641555fec"), ("error", "read tcp 127.0.0.1:51234->127.0.0.1:23802: i/o timeout")),
            Log("n1", 3.7, "warn", "lost TCP streaming connection with remote peer", ("remote-peer-id", "fa1316e641555fec"), ("error", "read tcp 127.0.0.1:51234->127.0.0.1:23802: i/o timeout")),
            Log("n3", 3.71, "warn", "lost TCP streaming connection with remote peer", ("remote-peer-id", "fa1316e641555fec"), ("error", "read tcp 127.0.0.1:51240->127.0.0.1:23802: i/o timeout")),
        ],
        pid: 4121,
        process: ProcessState.Stopped);

    /// <summary>n2 runs and answers locally but knows no leader; its peers time out reaching it and it them.</summary>
    public static DiagnosisContext PartitionedNode() => Context(
        Ticket("member_unresponsive", "n2", "n2 is unresponsive: get status from http://127.0.0.1:23792: no answer within 1000 ms; pid 4121 is running",
            new { node = "n2", state = "unresponsive", pid = 4121, process = "running", error = "get status from http://127.0.0.1:23792: no answer within 1000 ms" }),
        Obs.Of(Now, "n1", Obs.Node("n1", leader: true), Obs.Node("n2", pid: 4121, leaderId: null), Obs.Node("n3")),
        nodeLogs: [Log("n2", 1, "warn", "prober detected unhealthy status", ("remote-peer-id", "8e9e05c52164694d"), ("error", "dial tcp 127.0.0.1:23801: i/o timeout"))],
        peerLogs:
        [
            Log("n1", 1, "warn", "prober detected unhealthy status", ("remote-peer-id", "fa1316e641555fec"), ("error", "dial tcp 127.0.0.1:23802: i/o timeout")),
            Log("n3", 1.2, "warn", "prober detected unhealthy status", ("remote-peer-id", "fa1316e641555fec"), ("error", "dial tcp 127.0.0.1:23802: i/o timeout")),
        ],
        pid: 4121,
        process: ProcessState.Running);

    /// <summary>NOSPACE: every member reports the alarm and is over its 16 MiB quota (§4.2e).</summary>
    public static DiagnosisContext NoSpace()
    {
        Dictionary<string, double> Full(double size) => new() { [EtcdReadings.DbSizeBytes] = size, [EtcdReadings.QuotaBytes] = 16777216, [EtcdReadings.RaftTerm] = 2 };
        Dictionary<string, string> Alarm(string id) => new() { [EtcdReadings.Alarms] = "NOSPACE", [EtcdReadings.MemberId] = id };
        return Context(
            Ticket("alarm_active", null, "alarm NOSPACE active (reported by n1, n2, n3); writes are rejected until space is reclaimed and the alarm disarmed"),
            Obs.Of(Now, Obs.Node("n1", leader: true, metrics: Full(17_400_000), facts: Alarm("10276657743932975437")), Obs.Node("n2", metrics: Full(17_200_000), facts: Alarm("18019771712233889772")), Obs.Node("n3", metrics: Full(16_800_000), facts: Alarm("16919994012759469789"))),
            peerLogs:
            [
                Log("n1", -1, "warn", "message exceeded backend quota; raising alarm", ("quota-name", "v3-applier"), ("quota-size-bytes", "16777216"), ("quota-size", "17 MB"), ("error", "etcdserver: no space")),
                Log("n2", -0.99, "warn", "alarm raised", ("alarm", "NOSPACE"), ("from", "8e9e05c52164694d")),
            ]);
    }

    /// <summary>n1's WAL fsync p99 is 800 ms and it logs late heartbeats "likely from slow disk".</summary>
    public static DiagnosisContext SlowDisk() => Context(
        Ticket("high_request_latency", "n1", "n1 p99 request latency 640 ms over 30 s exceeds 250 ms", severity: Core.Invariants.Severity.Warning),
        Obs.Of(Now,
            Obs.Node("n1", leader: true, histograms: new() { [EtcdReadings.WalFsyncDuration] = P99(0.8), [EtcdReadings.BackendCommitDuration] = P99(0.5), [EtcdReadings.RequestDuration] = P99(0.64) }),
            Obs.Node("n2", histograms: new() { [EtcdReadings.WalFsyncDuration] = P99(0.004) }),
            Obs.Node("n3")),
        nodeLogs: [Log("n1", 1, "warn", "leader failed to send out heartbeat on time; took too long, leader is overloaded likely from slow disk", ("exceeded-duration", "412.3ms"))],
        pid: 4100,
        process: ProcessState.Running);

    /// <summary>Requests are slow and proposals pile up while the disk is fast.</summary>
    public static DiagnosisContext Overloaded() => Context(
        Ticket("high_request_latency", "n1", "n1 p99 request latency 1.5 s over 30 s exceeds 250 ms", severity: Core.Invariants.Severity.Warning),
        Obs.Of(Now,
            Obs.Node("n1", leader: true, metrics: new() { [EtcdReadings.ProposalsPending] = 42, [EtcdReadings.RaftTerm] = 2 }, histograms: new() { [EtcdReadings.WalFsyncDuration] = P99(0.003), [EtcdReadings.RequestDuration] = P99(1.5) }),
            Obs.Node("n2"),
            Obs.Node("n3")),
        nodeLogs:
        [
            Log("n1", 1, "warn", "apply request took too long", ("took", "312ms"), ("expected-duration", "100ms")),
            Log("n1", 2, "warn", "apply request took too long", ("took", "402ms"), ("expected-duration", "100ms")),
            Log("n1", 3, "warn", "apply request took too long", ("took", "515ms"), ("expected-duration", "100ms")),
        ],
        pid: 4100,
        process: ProcessState.Running);

    /// <summary>Two of three killed; the survivor stepped down (§4.2d).</summary>
    public static DiagnosisContext QuorumLoss() => Context(
        Ticket("quorum_lost", null, "quorum lost: 1 of 3 members up (n1); 2 are needed to commit writes"),
        Obs.Of(Now, leader: null,
            Obs.Node("n1", leaderId: null, metrics: new() { [EtcdReadings.HasLeader] = 0, [EtcdReadings.RaftTerm] = 21 }),
            Obs.Node("n2", NodeState.Down, pid: 4121, process: ProcessState.Gone, error: "get status from http://127.0.0.1:23792: connection refused (process 4121 has exited)"),
            Obs.Node("n3", NodeState.Down, pid: 4122, process: ProcessState.Gone, error: "get status from http://127.0.0.1:23793: connection refused (process 4122 has exited)")),
        peerLogs:
        [
            Log("n1", 1.85, "warn", "8e9e05c52164694d stepped down to follower since quorum is not active"),
            Log("n1", 3, "info", "8e9e05c52164694d is starting a new election at term 21"),
        ]);

    /// <summary>The monitor saw four leader changes; members logged elections for four terms; disks are fast.</summary>
    public static DiagnosisContext Flapping() => Context(
        Ticket("leader_flapping", null, "leader changed 4 times in the last 5 min (n1→n2 at 10:29:01, n2→n3 at 10:29:40, n3→n1 at 10:30:15, n1→n2 at 10:31:02)",
            new { leaderChanges = new[] { new { from = "n1", to = "n2" }, new { from = "n2", to = "n3" }, new { from = "n3", to = "n1" }, new { from = "n1", to = "n2" } } },
            Core.Invariants.Severity.Warning),
        Obs.Of(Now, "n2",
            Obs.Node("n1", metrics: new() { [EtcdReadings.LeaderChangesSeen] = 6, [EtcdReadings.RaftTerm] = 9 }, histograms: new() { [EtcdReadings.WalFsyncDuration] = P99(0.004) }),
            Obs.Node("n2", leader: true),
            Obs.Node("n3")),
        peerLogs:
        [
            Log("n1", -120, "info", "raft.node: 8e9e05c52164694d elected leader fa1316e641555fec at term 6"),
            Log("n1", -80, "info", "raft.node: 8e9e05c52164694d changed leader from fa1316e641555fec to dbbf29db168de453 at term 7"),
            Log("n3", -50, "info", "dbbf29db168de453 became leader at term 8"),
            Log("n1", -5, "info", "raft.node: 8e9e05c52164694d elected leader fa1316e641555fec at term 9"),
        ]);

    // ---- one test per hypothesis --------------------------------------------------------------

    [Fact]
    public async Task Killed_member_is_diagnosed_as_crashed_citing_refusal_gone_pid_and_peer_eof()
    {
        var d = await _engine.DiagnoseAsync(KilledFollower(), CancellationToken.None);

        Assert.Equal(EtcdCauses.ProcessCrashed, d.Cause);
        Assert.Equal("n2", d.Node);
        Assert.Contains("refused connections", d.PrimaryDiagnosis);
        Assert.Contains("pid 4121 is gone", d.PrimaryDiagnosis);
        Assert.Contains("n1 and n3 logged 'lost TCP streaming connection with remote peer' (unexpected EOF) at 10:31:07", d.PrimaryDiagnosis);
        Assert.Equal("high", d.Confidence);
        Assert.Contains("./operator chaos restart n2", d.Commands);
        AssertRuledOut(d, EtcdCauses.ProcessHung, EtcdCauses.NetworkPartition, EtcdCauses.QuorumLost, EtcdCauses.DiskFull, EtcdCauses.SlowDisk);
    }

    [Fact]
    public async Task Stopped_member_is_diagnosed_as_hung_not_crashed()
    {
        var d = await _engine.DiagnoseAsync(StoppedNode(), CancellationToken.None);

        Assert.Equal(EtcdCauses.ProcessHung, d.Cause);
        Assert.Equal("n2", d.Node);
        Assert.Contains("pid 4121 is alive but stopped", d.PrimaryDiagnosis);
        Assert.Contains("i/o timeout", d.PrimaryDiagnosis);
        Assert.Contains("kill -CONT 4121", d.Commands);
        AssertRuledOut(d, EtcdCauses.ProcessCrashed, EtcdCauses.NetworkPartition, EtcdCauses.SlowDisk, EtcdCauses.QuorumLost);
        Assert.Contains(Alternative(d, EtcdCauses.ProcessCrashed).Contradicting, c => c.Contains("stopped (state T), not dead", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Live_member_that_peers_time_out_on_is_diagnosed_as_partitioned()
    {
        var d = await _engine.DiagnoseAsync(PartitionedNode(), CancellationToken.None);

        Assert.Equal(EtcdCauses.NetworkPartition, d.Cause);
        Assert.Contains("pid 4121 is running", d.PrimaryDiagnosis);
        Assert.Contains("n2 knows no leader while the others follow n1", d.PrimaryDiagnosis);
        AssertRuledOut(d, EtcdCauses.ProcessCrashed, EtcdCauses.ProcessHung, EtcdCauses.QuorumLost);
    }

    [Fact]
    public async Task Nospace_alarm_over_quota_is_diagnosed_as_disk_full_with_the_defrag_runbook()
    {
        var d = await _engine.DiagnoseAsync(NoSpace(), CancellationToken.None);

        Assert.Equal(EtcdCauses.DiskFull, d.Cause);
        Assert.Null(d.Node);
        Assert.Contains("n1, n2 and n3 report alarm NOSPACE", d.PrimaryDiagnosis);
        Assert.Contains("n1 db size 16.6 MiB is 104% of its 16.0 MiB quota", d.PrimaryDiagnosis);
        Assert.Contains(d.Commands, c => c.Contains("/v3/maintenance/defragment", StringComparison.Ordinal));
        Assert.Contains(d.Commands, c => c.Contains("\"action\":\"DEACTIVATE\",\"memberID\":\"18019771712233889772\"", StringComparison.Ordinal));
        AssertRuledOut(d, EtcdCauses.QuorumLost, EtcdCauses.ProcessCrashed, EtcdCauses.SlowDisk, EtcdCauses.NetworkPartition);
    }

    [Fact]
    public async Task High_wal_fsync_latency_is_diagnosed_as_slow_disk_not_overload()
    {
        var d = await _engine.DiagnoseAsync(SlowDisk(), CancellationToken.None);

        Assert.Equal(EtcdCauses.SlowDisk, d.Cause);
        Assert.Contains("n1 wal fsync p99 is", d.PrimaryDiagnosis);
        Assert.Contains("likely from slow disk", d.PrimaryDiagnosis);
        Assert.Equal("warning", d.Severity);
        AssertRuledOut(d, EtcdCauses.Overload, EtcdCauses.ProcessCrashed, EtcdCauses.DiskFull);
        Assert.Contains(d.MetricReadings, r => r.Node == "n1" && r.Name == "wal_fsync_p99" && r.Value > 0.7);
    }

    [Fact]
    public async Task Slow_requests_on_a_fast_disk_with_pending_proposals_are_diagnosed_as_overload()
    {
        var d = await _engine.DiagnoseAsync(Overloaded(), CancellationToken.None);

        Assert.Equal(EtcdCauses.Overload, d.Cause);
        Assert.Contains("n1 has 42 proposals pending", d.PrimaryDiagnosis);
        Assert.Contains("the disk is healthy", d.PrimaryDiagnosis);
        AssertRuledOut(d, EtcdCauses.SlowDisk, EtcdCauses.ProcessCrashed, EtcdCauses.QuorumLost);
    }

    [Fact]
    public async Task Two_of_three_down_is_diagnosed_as_quorum_lost_with_restarts_for_both()
    {
        var d = await _engine.DiagnoseAsync(QuorumLoss(), CancellationToken.None);

        Assert.Equal(EtcdCauses.QuorumLost, d.Cause);
        Assert.Contains("only 1 of 3 members up (n1); 2 are needed", d.PrimaryDiagnosis);
        Assert.Contains("stepped down to follower since quorum is not active", d.PrimaryDiagnosis);
        Assert.Contains("./operator chaos restart n2", d.Commands);
        Assert.Contains("./operator chaos restart n3", d.Commands);
        Assert.Contains("cluster", d.AffectedComponents);
        AssertRuledOut(d, EtcdCauses.LeaderFlapping, EtcdCauses.DiskFull, EtcdCauses.NetworkPartition, EtcdCauses.Overload);
    }

    [Fact]
    public async Task Repeated_elections_are_diagnosed_as_leader_flapping()
    {
        var d = await _engine.DiagnoseAsync(Flapping(), CancellationToken.None);

        Assert.Equal(EtcdCauses.LeaderFlapping, d.Cause);
        Assert.Contains("the monitor saw 4 leader changes", d.PrimaryDiagnosis);
        Assert.Contains("n1 has seen 6 leader change(s)", d.PrimaryDiagnosis);
        AssertRuledOut(d, EtcdCauses.QuorumLost, EtcdCauses.ProcessCrashed, EtcdCauses.DiskFull, EtcdCauses.SlowDisk);
    }

    [Fact]
    public async Task Nothing_scoring_gives_unknown_with_low_confidence()
    {
        var context = Context(Ticket("member_unresponsive", "n2", "n2 is unresponsive: no answer"), Obs.Healthy(Now));

        var d = await _engine.DiagnoseAsync(context, CancellationToken.None);

        Assert.Equal(EtcdCauses.Unknown, d.Cause);
        Assert.Equal("low", d.Confidence);
        Assert.True(d.ConfidenceScore < 0.5);
        Assert.True(d.Alternatives.Count >= 2);
    }

    // ---- killed vs stopped, and the record's bookkeeping --------------------------------------

    [Fact]
    public async Task Kill_and_stop_of_the_same_node_give_different_causes()
    {
        var killed = await _engine.DiagnoseAsync(KilledFollower(), CancellationToken.None);
        var stopped = await _engine.DiagnoseAsync(StoppedNode(), CancellationToken.None);

        Assert.Equal((EtcdCauses.ProcessCrashed, EtcdCauses.ProcessHung), (killed.Cause, stopped.Cause));
    }

    [Fact]
    public async Task External_cluster_without_pid_still_reads_refusal_and_peer_eof_as_a_crash()
    {
        var d = await _engine.DiagnoseAsync(KilledFollower(pid: null, process: ProcessState.Unknown), CancellationToken.None);

        Assert.Equal(EtcdCauses.ProcessCrashed, d.Cause);
        Assert.DoesNotContain("pid", d.PrimaryDiagnosis);
        Assert.True(d.ConfidenceScore < 0.8, $"without the process the confidence should not be high ({d.ConfidenceScore})");
    }

    [Fact]
    public async Task Diagnosis_carries_engine_time_severity_timeline_and_is_deterministic()
    {
        var first = await _engine.DiagnoseAsync(KilledFollower(), CancellationToken.None);
        var second = await _engine.DiagnoseAsync(KilledFollower(), CancellationToken.None);

        Assert.Equal("rules", first.Engine);
        Assert.Null(first.Model);
        Assert.Equal(Now, first.CreatedAt);
        Assert.Equal("critical", first.Severity);
        Assert.True(first.LatencyMs >= 0);
        Assert.True(first.Alternatives.Count >= 2);
        Assert.Equal(T0, first.Timeline[0].At);
        Assert.StartsWith("ticket opened: n2 is down", first.Timeline[0].Event);
        Assert.Contains(first.Timeline, t => t.Event.StartsWith("n1 logged 'lost TCP streaming connection with remote peer' (unexpected EOF)", StringComparison.Ordinal));
        Assert.Equal(first.Timeline.OrderBy(t => t.At).ToList(), first.Timeline);
        Assert.Contains("n2", first.AffectedComponents);
        Assert.Equal(Normalize(first), Normalize(second));
        Assert.NotNull(DiagnosisJson.TryDeserialize(DiagnosisJson.Serialize(first)));
    }

    [Fact]
    public async Task Similar_past_ticket_with_the_same_cause_is_cited_as_history_without_changing_the_score()
    {
        var past = await _engine.DiagnoseAsync(KilledFollower(), CancellationToken.None);
        var earlier = Ticket("member_down", "n2", "n2 is down") with { Id = 3, FirstSeenAt = T0.AddHours(-2), Diagnosis = DiagnosisJson.Serialize(past) };
        var context = KilledFollower() with { SimilarTickets = [earlier] };

        var d = await _engine.DiagnoseAsync(context, CancellationToken.None);

        var history = Assert.Single(d.SupportingEvidence, e => e.Source == "history");
        Assert.Equal("ticket 3 (member_down:n2, 08:31:07 2026-11-24) was also diagnosed process_crashed", history.Detail);
        Assert.Equal(past.ConfidenceScore, d.ConfidenceScore);
        Assert.DoesNotContain("ticket 3", d.PrimaryDiagnosis);
    }

    [Fact]
    public async Task Cancelled_token_stops_the_engine()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _engine.DiagnoseAsync(KilledFollower(), cancelled.Token));
    }

    private static string Normalize(Diagnosis d) => DiagnosisJson.Serialize(d with { LatencyMs = 0 });

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
