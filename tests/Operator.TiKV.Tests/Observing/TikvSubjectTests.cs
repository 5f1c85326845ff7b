using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.FakeTikv;
using Operator.FakeTikv.Pd;
using Operator.FakeTikv.Tikv;
using Operator.Testing;
using Operator.TiKV.Invariants;
using Operator.TiKV.Observing;

namespace Operator.TiKV.Tests.Observing;

/// <summary>
/// The TiKV subject against the fake cluster on 127.0.0.1: PD's view, the direct probes, Prometheus joined by
/// status address, and partial observations when PD or Prometheus misbehave.
/// </summary>
public sealed class TikvSubjectTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private static TikvSubject Open(FakeTikvCluster cluster, bool prometheus = true, TikvSubjectOptions? options = null) =>
        new(cluster.PdUrls.Select(u => new Uri(u)).ToList(), prometheus ? new Uri(cluster.Prometheus.Url) : null, TimeProvider.System, options ?? new TikvSubjectOptions { ProbeTimeout = TimeSpan.FromSeconds(2), MetricsInterval = TimeSpan.FromMilliseconds(200) });

    private static NodeObservation Node(Observation o, string name) => Assert.Single(o.Nodes, n => n.Name == name);

    private static IEnumerable<Finding> Violations(Observation o) =>
        TikvInvariants.Create().SelectMany(i => i.Check(o, i.Defaults) ?? []);

    [Fact]
    public async Task Healthy_cluster_is_three_pd_members_and_three_stores_up_with_pd_leader_region_counts_and_prometheus_readings()
    {
        await using var cluster = FakeTikvCluster.Start();
        await using var subject = Open(cluster);

        Observation o = null!;
        await Eventually.WaitUntilAsync(async () => (o = await subject.ObserveAsync(CancellationToken.None)).Fact(TikvReadings.Prometheus) == "ok", Deadline, "a reading from Prometheus");

        Assert.Empty(o.Errors);
        Assert.Equal(["pd0", "pd1", "pd2", "store1", "store4", "store5"], o.Nodes.Select(n => n.Name));
        Assert.All(o.Nodes, n => Assert.Equal(NodeState.Up, n.State));
        Assert.Equal("pd1", o.Fact(TikvReadings.PdLeader));
        Assert.True(Node(o, "pd1").IsLeader);
        Assert.False(Node(o, "pd0").IsLeader);
        Assert.Equal("36", o.Fact(TikvReadings.TotalRegions));
        Assert.Equal("0", o.Fact(TikvReadings.MissPeerRegions));
        Assert.Equal("3", o.Fact(TikvReadings.StoreCount));
        var store = Node(o, "store4");
        Assert.Equal(TikvReadings.TikvRole, store.Role);
        Assert.Equal(cluster.Store(4).StatusAddress, store.Facts[TikvReadings.StatusAddress]);
        Assert.Equal("Up", store.Facts[TikvReadings.PdStateName]);
        Assert.Equal(4, store.Metric(TikvReadings.StoreId));
        Assert.NotNull(store.Metric(TikvReadings.GrpcP99Seconds));
        Assert.NotNull(store.Metric(TikvReadings.Qps));
        Assert.InRange(store.Metric(TikvReadings.DiskUsedRatio)!.Value, 0.01, 0.99);
        Assert.Empty(Violations(o));
        Assert.Equal(0, cluster.Requests.CountOf("/pd/api/v1/regions"));
        Assert.Empty(cluster.Prometheus.Queries.Unknown);
    }

    [Fact]
    public async Task Killed_store_is_down_at_once_while_PD_still_says_Up_and_breaks_store_down()
    {
        await using var cluster = FakeTikvCluster.Start();
        await using var subject = Open(cluster, prometheus: false);
        cluster.Store(4).Kill();

        var o = await subject.ObserveAsync(CancellationToken.None);

        var store = Node(o, "store4");
        Assert.Equal(NodeState.Down, store.State);
        Assert.Contains(cluster.Store(4).StatusAddress, store.Error, StringComparison.Ordinal);
        Assert.Contains("refused", store.Error, StringComparison.Ordinal);
        Assert.Equal("Up", store.Facts[TikvReadings.PdStateName]);
        Assert.Equal(NodeState.Up, Node(o, "store1").State);
        var finding = Assert.Single(Violations(o));
        Assert.Equal("store4", finding.Node);
        Assert.StartsWith("unavailable: no --prometheus given", o.Fact(TikvReadings.Prometheus), StringComparison.Ordinal);

        cluster.Store(4).Restart();
        var back = await subject.ObserveAsync(CancellationToken.None);
        Assert.Equal(NodeState.Up, Node(back, "store4").State);
        Assert.Empty(Violations(back));
    }

    [Fact]
    public async Task Hung_store_is_unresponsive_within_the_probe_deadline()
    {
        await using var cluster = FakeTikvCluster.Start();
        await using var subject = Open(cluster, prometheus: false, new TikvSubjectOptions { ProbeTimeout = TimeSpan.FromMilliseconds(500) });
        cluster.Store(5).Hang();

        var o = await subject.ObserveAsync(CancellationToken.None);

        Assert.Equal(NodeState.Unresponsive, Node(o, "store5").State);
        Assert.True(o.Duration < TimeSpan.FromSeconds(5), $"one cycle took {o.Duration}");
    }

    [Fact]
    public async Task PD_saying_Disconnected_then_Down_keeps_the_store_down_though_its_status_port_answers()
    {
        await using var cluster = FakeTikvCluster.Start();
        await using var subject = Open(cluster, prometheus: false);

        cluster.Store(5).SetPdState(StoreStateName.Disconnected);
        var disconnected = await subject.ObserveAsync(CancellationToken.None);
        Assert.Equal("Disconnected", Node(disconnected, "store5").Facts[TikvReadings.PdStateName]);
        Assert.Contains(Violations(disconnected), f => f.Node == "store5" && f.Message.Contains("PD says Disconnected", StringComparison.Ordinal));

        cluster.Store(5).SetPdState(StoreStateName.Down);
        var down = await subject.ObserveAsync(CancellationToken.None);
        Assert.Equal("Down", Node(down, "store5").Facts[TikvReadings.PdStateName]);
        Assert.True(int.Parse(down.Fact(TikvReadings.DownPeerRegions)!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains(Violations(down), f => f.Node == "store5");
        Assert.Contains(Violations(down), f => f.Message.Contains("down peer", StringComparison.Ordinal));

        cluster.Store(5).SetPdState(StoreStateName.Up);
        Assert.Empty(Violations(await subject.ObserveAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task Miss_peer_regions_are_counted_from_the_check_endpoint_with_a_sample_of_ids()
    {
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { MissPeerRegions = 3 });
        await using var subject = Open(cluster, prometheus: false);

        var o = await subject.ObserveAsync(CancellationToken.None);

        Assert.Equal("3", o.Fact(TikvReadings.MissPeerRegions));
        Assert.StartsWith("miss-peer: ", o.Fact(TikvReadings.RegionSample), StringComparison.Ordinal);
        Assert.Contains(Violations(o), f => f.Message.Contains("3 of 36 regions", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Killed_PD_leader_is_down_a_new_leader_is_marked_and_no_leader_at_all_is_reported()
    {
        await using var cluster = FakeTikvCluster.Start();
        await using var subject = Open(cluster, prometheus: false);

        cluster.Pd["pd1"].Kill();
        var o = await subject.ObserveAsync(CancellationToken.None);
        Assert.Equal(NodeState.Down, Node(o, "pd1").State);
        var leader = o.Fact(TikvReadings.PdLeader);
        Assert.NotNull(leader);
        Assert.NotEqual("pd1", leader);
        Assert.True(Node(o, leader!).IsLeader);
        Assert.Contains(Violations(o), f => f.Node == "pd1");

        cluster.Pd.RemoveLeader();
        var none = await subject.ObserveAsync(CancellationToken.None);
        Assert.Null(none.Fact(TikvReadings.PdLeader));
        Assert.DoesNotContain(none.Nodes, n => n.IsLeader);
        Assert.Contains(Violations(none), f => f.Message.Contains("leader", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(none.Errors, e => e.Contains("no leader", StringComparison.OrdinalIgnoreCase) || e.Contains("ErrRedirectNoLeader", StringComparison.Ordinal));
        Assert.Equal(NodeState.Up, Node(none, "store1").State); // the stores PD listed last are still probed
    }

    [Theory]
    [InlineData(PdFault.Html)]
    [InlineData(PdFault.TruncatedJson)]
    [InlineData(PdFault.ServerError)]
    public async Task Broken_stores_endpoint_is_an_error_naming_PD_and_the_stores_seen_last_are_still_probed(PdFault fault)
    {
        await using var cluster = FakeTikvCluster.Start();
        await using var subject = Open(cluster, prometheus: false);
        await subject.ObserveAsync(CancellationToken.None);
        cluster.PdFaults.Set("/stores", fault);
        cluster.Store(4).Kill();

        var o = await subject.ObserveAsync(CancellationToken.None);

        var error = Assert.Single(o.Errors, e => e.StartsWith("list stores from", StringComparison.Ordinal));
        Assert.Contains("127.0.0.1:", error, StringComparison.Ordinal);
        Assert.Contains("probing the stores PD listed last", error, StringComparison.Ordinal);
        Assert.Equal(NodeState.Down, Node(o, "store4").State);
        Assert.Equal(NodeState.Up, Node(o, "store1").State);
    }

    [Fact]
    public async Task Broken_stores_endpoint_on_a_fresh_subject_is_an_error_and_PD_members_are_still_observed()
    {
        await using var cluster = FakeTikvCluster.Start();
        cluster.PdFaults.Set("/stores", PdFault.Html);
        await using var subject = Open(cluster, prometheus: false);

        var o = await subject.ObserveAsync(CancellationToken.None);

        Assert.Contains(o.Errors, e => e.StartsWith("list stores from", StringComparison.Ordinal));
        Assert.Equal(["pd0", "pd1", "pd2"], o.Nodes.Select(n => n.Name));
    }

    [Fact]
    public async Task Every_PD_endpoint_unreachable_is_errors_and_unreachable_members_not_an_exception()
    {
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var subject = new TikvSubject([new Uri($"http://127.0.0.1:{port}")], null, TimeProvider.System);

        var o = await subject.ObserveAsync(CancellationToken.None);

        Assert.NotEmpty(o.Errors);
        Assert.Contains(o.Errors, e => e.Contains($"127.0.0.1:{port}", StringComparison.Ordinal));
        var pd = Assert.Single(o.Nodes);
        Assert.Equal(NodeState.Down, pd.State);
        Assert.Contains(Violations(o), f => f.Message.Contains("leader", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Prometheus_down_or_failing_degrades_to_metrics_unavailable_and_the_cycle_goes_on()
    {
        await using var cluster = FakeTikvCluster.Start();
        cluster.Prometheus.GoDown();
        await using var subject = Open(cluster);

        Observation o = null!;
        await Eventually.WaitUntilAsync(async () => (o = await subject.ObserveAsync(CancellationToken.None)).Fact(TikvReadings.Prometheus) != "unavailable: not read yet", Deadline, "a Prometheus reading");
        var said = o.Fact(TikvReadings.Prometheus)!;
        Assert.StartsWith("unavailable: ", said, StringComparison.Ordinal);
        Assert.Contains(cluster.Prometheus.Url.Replace("http://", string.Empty, StringComparison.Ordinal), said, StringComparison.Ordinal);
        Assert.All(o.Nodes, n => Assert.Equal(NodeState.Up, n.State));
        Assert.All(o.Nodes.Where(n => n.Role == TikvReadings.TikvRole), n => Assert.True(n.Facts.ContainsKey(TikvReadings.MetricsError)));

        cluster.Prometheus.Restore();
        await Eventually.WaitUntilAsync(async () => (o = await subject.ObserveAsync(CancellationToken.None)).Fact(TikvReadings.Prometheus) == "ok", Deadline, "Prometheus back");
        Assert.NotNull(Node(o, "store1").Metric(TikvReadings.GrpcP99Seconds));
    }

    [Fact]
    public async Task Slow_store_latency_from_Prometheus_is_joined_to_that_store_by_its_status_address()
    {
        await using var cluster = FakeTikvCluster.Start();
        cluster.Store(5).Metrics = cluster.Store(5).Metrics with { GrpcP99Seconds = 0.9 };
        await using var subject = Open(cluster);

        Observation o = null!;
        await Eventually.WaitUntilAsync(async () => (o = await subject.ObserveAsync(CancellationToken.None)).Fact(TikvReadings.Prometheus) == "ok", Deadline, "a reading from Prometheus");

        Assert.InRange(Node(o, "store5").Metric(TikvReadings.GrpcP99Seconds)!.Value, 0.8, 1.0);
        Assert.InRange(Node(o, "store1").Metric(TikvReadings.GrpcP99Seconds)!.Value, 0, 0.1);
    }
}
