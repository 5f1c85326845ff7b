using System.Text.Json;
using Operator.Core.Diagnosis;
using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Core.Tickets;
using Operator.TiKV.Diagnosing;
using Operator.TiKV.Diagnosing.Rules;
using Operator.TiKV.Invariants;
using Operator.TiKV.Tests.Invariants;

namespace Operator.TiKV.Tests.Diagnosing;

public sealed class TikvRulesEngineTests
{
    private static readonly DateTimeOffset T0 = TikvObs.T0;

    private static LogLine Log(string node, string level, string message, params (string Key, string Value)[] fields) =>
        new(T0.AddSeconds(-1), node, level, message, fields.ToDictionary(f => f.Key, f => f.Value), "log");

    /// <summary>A ticket as the monitor would open it: the invariant's own finding and snapshot for this observation.</summary>
    private static Ticket TicketFor(IInvariant invariant, Observation o)
    {
        var finding = invariant.Check(o, invariant.Defaults)!.First();
        return new Ticket(3, "tikv", invariant.Name, finding.Target, finding.Node, TicketStatus.Open, invariant.Defaults.Severity, finding.Message,
            o.At, o.At, null, 1, false, false, JsonSerializer.Serialize(finding.Snapshot), null, null);
    }

    private static Task<Diagnosis> Diagnose(Ticket ticket, Observation now, IReadOnlyList<LogLine>? node = null, IReadOnlyList<LogLine>? peers = null) =>
        new TikvRulesEngine(TimeProvider.System).DiagnoseAsync(new DiagnosisContext(ticket, now, node ?? [], peers ?? [], null, ProcessState.Unknown, []), CancellationToken.None);

    [Fact]
    public async Task A_store_whose_status_port_refuses_while_PD_still_says_Up_is_a_crashed_store()
    {
        var o = TikvObs.Of(T0, [TikvObs.Pd("pd0", leader: true), TikvObs.Store(1), TikvObs.Store(4, NodeState.Down, pdState: "Up", heartbeatAge: 4), TikvObs.Store(5)]);
        var peers = new[]
        {
            Log("store1", "WARN", "connection aborted", ("store_id", "4"), ("addr", "tikv4:20160")),
            Log("store5", "WARN", "connection aborted", ("store_id", "4"), ("addr", "tikv4:20160")),
        };

        var d = await Diagnose(TicketFor(new StoreDownInvariant(), o), o, peers: peers);

        Assert.Equal(TikvCauses.StoreCrashed, d.Cause);
        Assert.Equal("store4", d.Node);
        Assert.Equal("high", d.Confidence);
        Assert.Contains("refused connections", d.PrimaryDiagnosis);
        Assert.Contains(d.SupportingEvidence, e => e.Source == "log" && e.Detail.Contains("store1 and store5 logged 'connection aborted'", StringComparison.Ordinal));
        Assert.Contains(d.Alternatives, a => a.Hypothesis.StartsWith("network_isolated", StringComparison.Ordinal) && a.Conclusion.StartsWith("ruled out", StringComparison.Ordinal));
        Assert.Contains("./operator chaos restart store4 --subject tikv", d.Commands);
        Assert.True(d.Alternatives.Count >= 2);
    }

    [Fact]
    public async Task A_store_that_answers_while_PD_stopped_hearing_its_heartbeats_is_isolated()
    {
        var o = TikvObs.Of(T0, [TikvObs.Pd("pd0", leader: true), TikvObs.Store(1), TikvObs.Store(4, pdState: "Disconnected", heartbeatAge: 27), TikvObs.Store(5)]);
        var node = new[] { Log("store4", "ERROR", "store heartbeat failed", ("err", "Grpc(RpcFailure(deadline exceeded))")) };

        var d = await Diagnose(TicketFor(new StoreDownInvariant(), o), o, node);

        Assert.Equal(TikvCauses.NetworkIsolated, d.Cause);
        Assert.Equal("store4", d.Node);
        Assert.Contains("PD says Disconnected, last heartbeat 27 s ago", d.PrimaryDiagnosis);
        Assert.Contains(d.Alternatives, a => a.Hypothesis.StartsWith("store_crashed", StringComparison.Ordinal) && a.Conclusion.StartsWith("ruled out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_nearly_full_disk_is_disk_full()
    {
        const double Gib = 1024.0 * 1024 * 1024;
        var o = TikvObs.Of(T0, [TikvObs.Pd("pd0", leader: true), TikvObs.Store(1),
            TikvObs.Store(4, metrics: new() { [TikvReadings.DiskUsedRatio] = 0.93, [TikvReadings.CapacityBytes] = 100 * Gib, [TikvReadings.AvailableBytes] = 7 * Gib })]);

        var d = await Diagnose(TicketFor(new LowDiskSpaceInvariant(), o), o);

        Assert.Equal(TikvCauses.DiskFull, d.Cause);
        Assert.Contains("93 % used", d.PrimaryDiagnosis);
        Assert.Contains(d.Commands, c => c.Contains("evict-leader-scheduler", StringComparison.Ordinal) && c.Contains("\"store_id\":4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Slow_raft_IO_and_a_high_slow_score_is_a_slow_disk_not_a_hot_region()
    {
        var o = TikvObs.Of(T0, [TikvObs.Pd("pd0", leader: true),
            TikvObs.Store(1, metrics: new() { [TikvReadings.Qps] = 800, [TikvReadings.GrpcP99Seconds] = 0.02 }),
            TikvObs.Store(4, metrics: new() { [TikvReadings.Qps] = 790, [TikvReadings.GrpcP99Seconds] = 0.9, [TikvReadings.CommitP99Seconds] = 0.75, [TikvReadings.SlowScore] = 92 }),
            TikvObs.Store(5, metrics: new() { [TikvReadings.Qps] = 810, [TikvReadings.GrpcP99Seconds] = 0.02 })]);
        var node = new[] { Log("store4", "WARN", "[store 4] async write too slow, write_kv: 1.2s, write_raft: 0.9s", ("takes", "2100")) };

        var d = await Diagnose(TicketFor(new HighLatencyInvariant(), o), o, node);

        Assert.Equal(TikvCauses.SlowDisk, d.Cause);
        Assert.Contains("p99 raft commit takes 750 ms", d.PrimaryDiagnosis);
        Assert.Contains(d.Alternatives, a => a.Hypothesis.StartsWith("hot_region", StringComparison.Ordinal) && a.Conclusion.StartsWith("ruled out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_store_taking_several_times_the_requests_with_fast_raft_IO_is_a_hot_region()
    {
        var o = TikvObs.Of(T0, [TikvObs.Pd("pd0", leader: true),
            TikvObs.Store(1, metrics: new() { [TikvReadings.Qps] = 700, [TikvReadings.GrpcP99Seconds] = 0.01, [TikvReadings.CpuCores] = 0.3 }),
            TikvObs.Store(4, metrics: new() { [TikvReadings.Qps] = 3100, [TikvReadings.GrpcP99Seconds] = 0.62, [TikvReadings.CommitP99Seconds] = 0.004, [TikvReadings.ApplyP99Seconds] = 0.003, [TikvReadings.CpuCores] = 1.8 }),
            TikvObs.Store(5, metrics: new() { [TikvReadings.Qps] = 650, [TikvReadings.GrpcP99Seconds] = 0.01, [TikvReadings.CpuCores] = 0.3 })]);

        var d = await Diagnose(TicketFor(new HighLatencyInvariant(), o), o);

        Assert.Equal(TikvCauses.HotRegion, d.Cause);
        Assert.Contains("serves 3100 requests/s against 675 on the other stores", d.PrimaryDiagnosis);
        Assert.Contains(d.Alternatives, a => a.Hypothesis.StartsWith("slow_disk", StringComparison.Ordinal) && a.Conclusion.StartsWith("ruled out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_PD_member_whose_ping_is_refused_has_crashed()
    {
        var o = TikvObs.Of(T0, [TikvObs.Pd("pd0", leader: true), TikvObs.Pd("pd1", state: NodeState.Down), TikvObs.Pd("pd2"), TikvObs.Store(1)]);

        var d = await Diagnose(TicketFor(new PdMemberDownInvariant(), o), o);

        Assert.Equal(TikvCauses.PdMemberCrashed, d.Cause);
        Assert.Equal("pd1", d.Node);
        Assert.Contains(d.Alternatives, a => a.Hypothesis.StartsWith("pd_quorum_lost", StringComparison.Ordinal) && a.Conclusion.StartsWith("ruled out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PD_without_a_leader_and_two_members_down_has_lost_its_quorum()
    {
        var o = TikvObs.Of(T0, [TikvObs.Pd("pd0"), TikvObs.Pd("pd1", state: NodeState.Down), TikvObs.Pd("pd2", state: NodeState.Down), TikvObs.Store(1)]);

        var d = await Diagnose(TicketFor(new PdNoLeaderInvariant(), o), o);

        Assert.Equal(TikvCauses.PdQuorumLost, d.Cause);
        Assert.Null(d.Node);
        Assert.Contains("only 1 of 3 PD members answer (pd0); 2 are needed", d.PrimaryDiagnosis);
        Assert.Contains("./operator chaos restart pd1 --subject tikv", d.Commands);
    }

    [Fact]
    public async Task A_cluster_wide_region_ticket_points_at_the_single_broken_store()
    {
        var o = TikvObs.Of(T0, [TikvObs.Pd("pd0", leader: true), TikvObs.Store(1), TikvObs.Store(4, NodeState.Down, pdState: "Down", heartbeatAge: 1900), TikvObs.Store(5)],
            new() { [TikvReadings.DownPeerRegions] = "36", [TikvReadings.TotalRegions] = "36" });

        var d = await Diagnose(TicketFor(RegionPeerCountInvariant.DownPeer(), o), o);

        Assert.Equal(TikvCauses.StoreCrashed, d.Cause);
        Assert.Equal("store4", d.Node);
    }

    [Fact]
    public async Task A_store_ticket_with_nothing_wrong_any_more_is_not_called_a_crash()
    {
        var then = TikvObs.Of(T0, [TikvObs.Pd("pd0", leader: true), TikvObs.Store(4, NodeState.Unresponsive, error: "get status from http://127.0.0.1:20184: no answer within 300 ms")]);
        var invariant = new StoreDownInvariant();
        invariant.Check(then, invariant.Defaults); // unresponsive for long enough
        var ticket = TicketFor(invariant, TikvObs.Of(T0.AddSeconds(3), then.Nodes));
        var now = TikvObs.Healthy(T0.AddSeconds(5));

        var d = await Diagnose(ticket, now);

        Assert.NotEqual(TikvCauses.StoreCrashed, d.Cause);
        Assert.True(d.ConfidenceScore < 0.8, $"{d.Cause} {d.ConfidenceScore}");
    }

    [Fact]
    public void Every_cause_in_the_knowledge_base_is_in_the_vocabulary()
    {
        var causes = TikvHypotheses.Create().Select(h => h.Cause).ToList();
        Assert.All(causes, c => Assert.Contains(c, TikvCauses.All));
        Assert.Equal(causes.Count, causes.Distinct().Count());
    }
}
