using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.TiKV.Invariants;

namespace Operator.TiKV.Tests.Invariants;

public sealed class TikvInvariantTests
{
    private static IReadOnlyList<Finding>? Check(IInvariant invariant, Observation o) => invariant.Check(o, invariant.Defaults);

    [Fact]
    public void A_healthy_cluster_breaks_no_invariant()
    {
        var o = TikvObs.Healthy(facts: new() { [TikvReadings.MissPeerRegions] = "0", [TikvReadings.DownPeerRegions] = "0", [TikvReadings.TotalRegions] = "36" });
        foreach (var invariant in TikvInvariants.Create())
        {
            Assert.Empty(Check(invariant, o) ?? []);
        }
    }

    [Fact]
    public void Registry_names_are_unique_and_cover_the_issue()
    {
        var names = TikvInvariants.Create().Select(i => i.Name).ToList();
        Assert.Equal(
            ["store_down", "pd_no_leader", "pd_member_down", "region_miss_peer", "region_down_peer", "high_latency", "low_disk_space", "leader_imbalance"],
            names);
    }

    [Fact]
    public void A_refused_status_port_is_a_down_store_at_once_even_while_PD_still_says_Up()
    {
        var o = TikvObs.Of(TikvObs.T0, [TikvObs.Pd("pd0", leader: true), TikvObs.Store(1), TikvObs.Store(4, NodeState.Down, pdState: "Up", heartbeatAge: 4), TikvObs.Store(5)]);
        var f = Assert.Single(Check(new StoreDownInvariant(), o)!);
        Assert.Equal("store4", f.Target);
        Assert.Equal("store4", f.Node);
        Assert.Equal("store4 (tikv4:20160) is down: get status from http://127.0.0.1:20184: connection refused; PD says Up, last heartbeat 4 s ago; 2 of 3 stores serving", f.Message);
    }

    [Fact]
    public void PD_calling_a_store_Disconnected_is_a_down_store_even_when_its_status_port_answers()
    {
        var o = TikvObs.Of(TikvObs.T0, [TikvObs.Pd("pd0", leader: true), TikvObs.Store(1), TikvObs.Store(4, pdState: "Disconnected", heartbeatAge: 25)]);
        var f = Assert.Single(Check(new StoreDownInvariant(), o)!);
        Assert.Contains("PD says Disconnected, last heartbeat 25 s ago", f.Message);
    }

    [Fact]
    public void A_timed_out_status_probe_must_persist_before_the_store_counts_as_down()
    {
        var invariant = new StoreDownInvariant();
        Observation At(double seconds) => TikvObs.Of(TikvObs.T0.AddSeconds(seconds), [TikvObs.Pd("pd0", leader: true), TikvObs.Store(1, NodeState.Unresponsive, error: "get status from http://127.0.0.1:20181: no answer within 300 ms")]);

        Assert.Empty(Check(invariant, At(0))!);
        Assert.Empty(Check(invariant, At(1))!);
        Assert.Single(Check(invariant, At(2))!);
        Assert.Empty(Check(invariant, TikvObs.Of(TikvObs.T0.AddSeconds(3), [TikvObs.Pd("pd0", leader: true), TikvObs.Store(1)]))!);
        Assert.Empty(Check(invariant, At(4))!); // the patience starts again after it answered
    }

    [Fact]
    public void No_stores_listed_means_the_invariant_cannot_judge_this_cycle()
    {
        var o = TikvObs.Of(TikvObs.T0, [TikvObs.Pd("pd0", leader: true)]);
        Assert.Null(Check(new StoreDownInvariant(), o));
        Assert.Null(Check(new HighLatencyInvariant(), o));
    }

    [Fact]
    public void PD_without_a_leader_is_reported_and_says_who_answers()
    {
        var o = TikvObs.Of(TikvObs.T0, [TikvObs.Pd("pd0"), TikvObs.Pd("pd1"), TikvObs.Pd("pd2", state: NodeState.Down), TikvObs.Store(1)]);
        var f = Assert.Single(Check(new PdNoLeaderInvariant(), o)!);
        Assert.Equal("cluster", f.Target);
        Assert.Equal("PD has no leader: pd0, pd1 answer but none is leader", f.Message);

        var none = TikvObs.Of(TikvObs.T0, [TikvObs.Pd("pd0", state: NodeState.Down), TikvObs.Pd("pd1", state: NodeState.Down)]);
        Assert.StartsWith("no PD member answers (get ping from http://127.0.0.1:2379/pd0: connection refused;", Assert.Single(Check(new PdNoLeaderInvariant(), none)!).Message);
    }

    [Fact]
    public void A_PD_member_that_does_not_answer_its_ping_is_down()
    {
        var o = TikvObs.Of(TikvObs.T0, [TikvObs.Pd("pd0", leader: true), TikvObs.Pd("pd1", state: NodeState.Down), TikvObs.Pd("pd2")]);
        var f = Assert.Single(Check(new PdMemberDownInvariant(), o)!);
        Assert.Equal("pd1", f.Target);
        Assert.Equal("PD member pd1 is down: get ping from http://127.0.0.1:2379/pd1: connection refused; 2 of 3 PD members up", f.Message);
    }

    [Fact]
    public void A_PD_member_whose_ping_times_out_is_down_only_once_that_has_lasted_two_seconds()
    {
        var invariant = new PdMemberDownInvariant();
        Observation At(double seconds) => TikvObs.Of(TikvObs.T0.AddSeconds(seconds), [TikvObs.Pd("pd0", leader: true), TikvObs.Pd("pd1", state: NodeState.Unresponsive, error: "ping http://127.0.0.1:2379/pd1: no answer within 300 ms"), TikvObs.Pd("pd2")]);

        Assert.Empty(invariant.Check(At(0), invariant.Defaults)!);
        Assert.Empty(invariant.Check(At(1.5), invariant.Defaults)!);
        var f = Assert.Single(invariant.Check(At(2), invariant.Defaults)!);
        Assert.Equal("PD member pd1 is unresponsive: ping http://127.0.0.1:2379/pd1: no answer within 300 ms; 2 of 3 PD members up", f.Message);

        var back = TikvObs.Of(TikvObs.T0.AddSeconds(3), [TikvObs.Pd("pd0", leader: true), TikvObs.Pd("pd1"), TikvObs.Pd("pd2")]);
        Assert.Empty(invariant.Check(back, invariant.Defaults)!);
        Assert.Empty(invariant.Check(At(4), invariant.Defaults)!); // the patience starts over
    }

    [Fact]
    public void Regions_missing_a_peer_above_the_threshold_are_reported_with_the_sample()
    {
        var o = TikvObs.Healthy(facts: new() { [TikvReadings.MissPeerRegions] = "37", [TikvReadings.TotalRegions] = "1000000", [TikvReadings.RegionSample] = "miss-peer: 2, 14, 30" });
        var f = Assert.Single(Check(RegionPeerCountInvariant.MissPeer(), o)!);
        Assert.Equal("37 of 1000000 regions miss a peer (miss-peer: 2, 14, 30); threshold 0", f.Message);
        Assert.Null(Check(RegionPeerCountInvariant.DownPeer(), o)); // not observed this cycle
        var settings = RegionPeerCountInvariant.MissPeer().Defaults with { Parameters = new Dictionary<string, double> { ["threshold"] = 40 } };
        Assert.Empty(RegionPeerCountInvariant.MissPeer().Check(o, settings)!);
    }

    [Fact]
    public void High_p99_latency_is_reported_per_store_and_missing_metrics_cannot_be_judged()
    {
        var o = TikvObs.Of(TikvObs.T0, [
            TikvObs.Pd("pd0", leader: true),
            TikvObs.Store(1, metrics: new() { [TikvReadings.GrpcP99Seconds] = 0.012, [TikvReadings.Qps] = 900 }),
            TikvObs.Store(4, metrics: new() { [TikvReadings.GrpcP99Seconds] = 0.734, [TikvReadings.Qps] = 880 }),
            TikvObs.Store(5, metrics: new() { [TikvReadings.GrpcP99Seconds] = double.NaN }),
        ]);
        var f = Assert.Single(Check(new HighLatencyInvariant(), o)!);
        Assert.Equal("store4 p99 gRPC latency 734 ms at 880 QPS exceeds 500 ms", f.Message);
        Assert.Null(Check(new HighLatencyInvariant(), TikvObs.Healthy()));
    }

    [Fact]
    public void Disk_use_at_the_ratio_is_low_space_computed_from_available_over_capacity()
    {
        const double Gib = 1024.0 * 1024 * 1024;
        var o = TikvObs.Of(TikvObs.T0, [
            TikvObs.Pd("pd0", leader: true),
            TikvObs.Store(1, metrics: new() { [TikvReadings.DiskUsedRatio] = 0.25, [TikvReadings.CapacityBytes] = 100 * Gib, [TikvReadings.AvailableBytes] = 75 * Gib }),
            TikvObs.Store(4, metrics: new() { [TikvReadings.DiskUsedRatio] = 0.82, [TikvReadings.CapacityBytes] = 100 * Gib, [TikvReadings.AvailableBytes] = 18 * Gib }),
        ]);
        var f = Assert.Single(Check(new LowDiskSpaceInvariant(), o)!);
        Assert.Equal("store4 disk is 82 % used (18 GiB free of 100 GiB), at or above 70 %", f.Message);
    }

    [Fact]
    public void Unbalanced_leaders_are_reported_only_above_the_spread_and_with_enough_leaders()
    {
        Observation Leaders(double a, double b, double c) => TikvObs.Of(TikvObs.T0, [
            TikvObs.Pd("pd0", leader: true),
            TikvObs.Store(1, metrics: new() { [TikvReadings.LeaderCount] = a }),
            TikvObs.Store(4, metrics: new() { [TikvReadings.LeaderCount] = b }),
            TikvObs.Store(5, metrics: new() { [TikvReadings.LeaderCount] = c }),
        ]);

        Assert.Empty(Check(new LeaderImbalanceInvariant(), Leaders(12, 12, 12))!);
        Assert.Empty(Check(new LeaderImbalanceInvariant(), Leaders(10, 0, 0))!); // too few leaders to mean anything
        var f = Assert.Single(Check(new LeaderImbalanceInvariant(), Leaders(30, 6, 0))!);
        Assert.Equal("region leaders are unbalanced: store1 30, store4 6, store5 0 (spread 2.50 of the mean 12, limit 0.50)", f.Message);
    }

    [Fact]
    public void Every_invariant_keeps_a_snapshot_naming_the_node_and_PDs_view()
    {
        var o = TikvObs.Of(TikvObs.T0, [TikvObs.Pd("pd0", leader: true), TikvObs.Store(4, NodeState.Down)]);
        var f = Assert.Single(Check(new StoreDownInvariant(), o)!);
        Assert.Equal("store4", f.Snapshot["node"]);
        Assert.Equal("down", f.Snapshot["state"]);
        Assert.Equal("pd0", f.Snapshot["pdLeader"]);
    }
}
