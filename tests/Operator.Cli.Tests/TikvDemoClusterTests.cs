using Operator.Cli.Demo;
using Operator.Core;
using Operator.Core.Observing;
using Operator.FakeTikv;
using Operator.Testing;
using Operator.TiKV.Deployment;
using Operator.Tui.Demo;

namespace Operator.Cli.Tests;

/// <summary>The TiKV demo cluster against the in-process fake cluster, given as an existing cluster (<c>--pd</c>).</summary>
public sealed class TikvDemoClusterTests : IAsyncLifetime
{
    private readonly TempStateDir _dir = new();
    private FakeTikvCluster _fake = null!;
    private TikvDemoCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _fake = FakeTikvCluster.Start();
        _fake.Store(1).Status = _fake.Store(1).Status with { LeaderCount = 5 };
        _fake.Store(4).Status = _fake.Store(4).Status with { LeaderCount = 20, CapacityBytes = 100L << 30, AvailableBytes = 40L << 30 };
        _fake.Store(5).Status = _fake.Store(5).Status with { LeaderCount = 11 };
        var state = StateDirectory.Resolve(_dir.Path);
        _cluster = new TikvDemoCluster(
            state,
            new ComposeDeployment(_dir.Path, "/nonexistent/docker"),
            _fake.PdUrls.Select(u => new Uri(u)).ToList(),
            new Uri(_fake.Prometheus.Url),
            TimeProvider.System,
            startGuard: null);
        await _cluster.PrepareAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _fake.DisposeAsync();
        _dir.Dispose();
    }

    // One observation can catch a probe timing out on a loaded test host; wait for the state the test set up.
    private async Task<Observation> ObserveSettledAsync(params string[] down)
    {
        Observation o = null!;
        await Eventually.WaitUntilAsync(
            async () => (o = await _cluster.ObserveAsync(CancellationToken.None)).Nodes.All(n => n.IsUp != down.Contains(n.Name)),
            TimeSpan.FromSeconds(15),
            "the fake cluster observed as the test set it up");
        return o;
    }

    [Fact]
    public async Task Observes_three_pd_members_and_three_stores()
    {
        var o = await ObserveSettledAsync();

        Assert.Equal(["pd0", "pd1", "pd2", "store1", "store4", "store5"], o.Nodes.Select(n => n.Name));
        Assert.Equal(["pd", "pd", "pd", "tikv", "tikv", "tikv"], o.Nodes.Select(n => n.Role));
        Assert.Equal("pd1", o.Leader?.Name);
    }

    [Fact]
    public async Task Detail_says_leader_or_member_for_pd_and_regions_leaders_and_disk_for_a_store()
    {
        var o = await ObserveSettledAsync();

        Assert.Equal("leader · " + new Uri(_fake.PdUrls[1]).Authority, _cluster.Detail(o.Nodes.Single(n => n.Name == "pd1")));
        Assert.StartsWith("member · ", _cluster.Detail(o.Nodes.Single(n => n.Name == "pd0")), StringComparison.Ordinal);
        Assert.Matches(@"^\d+ regions · 20 leaders · disk 60%$", _cluster.Detail(o.Nodes.Single(n => n.Name == "store4")));
    }

    [Fact]
    public async Task Detail_names_the_pd_state_of_a_store_that_is_not_up()
    {
        _fake.Store(5).SetPdState(Operator.FakeTikv.Tikv.StoreStateName.Disconnected);
        var o = await ObserveSettledAsync();

        Assert.StartsWith("Disconnected · ", _cluster.Detail(o.Nodes.Single(n => n.Name == "store5")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoFault.KillLeader, "store4", "the store with the most region leaders, 20")]
    [InlineData(DemoFault.Pause, "store4", "the store with the most region leaders, 20")]
    [InlineData(DemoFault.KillFollower, "store1", "the store with the fewest region leaders, 5")]
    public async Task The_fault_hits_the_store_with_the_most_leaders_or_for_kill_follower_the_fewest(DemoFault fault, string store, string why)
    {
        var o = await ObserveSettledAsync();

        var (node, reason) = TikvDemoCluster.Victim(o, fault);

        Assert.Equal(store, node.Name);
        Assert.Equal(why, reason);
    }

    [Fact]
    public async Task A_store_that_is_down_is_never_the_victim()
    {
        _fake.Store(4).Kill();
        var o = await ObserveSettledAsync("store4");

        Assert.Equal("store5", TikvDemoCluster.Victim(o, DemoFault.KillLeader).Node.Name);
    }

    [Fact]
    public async Task Store_addresses_map_store_ids_to_the_grpc_addresses_pd_reports()
    {
        var o = await ObserveSettledAsync();

        var addresses = TikvDemoCluster.StoreAddresses(o);

        Assert.Equal([1L, 4L, 5L], addresses.Keys.Order());
        Assert.Equal(_fake.Store(4).Address, addresses[4]);
    }

    [Fact]
    public async Task A_fault_without_the_compose_deployment_is_one_line_saying_what_is_missing()
    {
        var e = await Assert.ThrowsAsync<OperatorException>(() => _cluster.InjectAsync(DemoFault.KillLeader, CancellationToken.None));

        Assert.StartsWith("the kill-leader fault acts on the compose deployment's containers, and there is none in ", e.Message, StringComparison.Ordinal);
        Assert.Null(await _cluster.CleanupAsync(CancellationToken.None)); // nothing started, nothing broken
    }

    [Fact]
    public void Monitor_and_agent_get_the_subject_and_the_urls_and_the_workload_child_reads_prometheus()
    {
        var state = StateDirectory.Resolve(_dir.Path);
        var launcher = DemoProcessLauncher.ForTikv(state, ["--engine", "rules"], _cluster.SubjectArguments(), _cluster.Prometheus!, compose: false);

        Assert.Equal(
            ["monitor", "run", "--interval", "0.5", "--subject", "tikv", "--pd", string.Join(',', _fake.PdUrls.Select(u => u + "/")), "--prometheus", _fake.Prometheus.Url + "/"],
            launcher.Command(DemoRole.Monitor).Arguments);
        Assert.Equal(["--engine", "rules"], launcher.Command(DemoRole.Agent).Arguments.TakeLast(2));
        Assert.Equal(["demo", "throughput", "--prometheus", _fake.Prometheus.Url + "/"], launcher.Command(DemoRole.Load).Arguments);
    }

    [Fact]
    public async Task Without_a_cluster_at_pd_prepare_fails_in_one_line()
    {
        await using var nowhere = new TikvDemoCluster(
            StateDirectory.Resolve(_dir.Path), new ComposeDeployment(_dir.Path, "/nonexistent/docker"), [new Uri("http://127.0.0.1:1")], null, TimeProvider.System, null);

        var e = await Assert.ThrowsAsync<OperatorException>(() => nowhere.PrepareAsync(CancellationToken.None));

        Assert.Equal("no PD member answers at http://127.0.0.1:1/; check --pd (PD client URLs, e.g. http://127.0.0.1:2379)", e.Message);
    }
}
