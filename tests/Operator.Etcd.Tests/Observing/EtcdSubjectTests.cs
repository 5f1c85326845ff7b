using System.Threading.Channels;
using Operator.Core.Metrics;
using Operator.Core.Observing;
using Operator.Core.Processes;
using Operator.Etcd.Client;
using Operator.Etcd.Observing;
using Operator.Etcd.Tests.Local;
using Operator.Testing;

namespace Operator.Etcd.Tests.Observing;

/// <summary>The etcd subject against a real 3-member cluster; each test starts from a healthy cluster.</summary>
[Collection(LocalEtcdCollection.Name)]
public sealed class EtcdSubjectTests : IClassFixture<SharedClusterFixture>, IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    // Loose on purpose: the machine has two cores shared with three etcd members and the build.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    private readonly SharedClusterFixture _fixture;
    private readonly EtcdClient _client = new();

    public EtcdSubjectTests(SharedClusterFixture fixture)
    {
        _fixture = fixture;
    }

    private EtcdTestCluster Etcd => _fixture.Cluster;

    public async Task InitializeAsync()
    {
        await _fixture.EnsureAllUpAsync();
        await using var subject = Subject();
        await Eventually.WaitUntilAsync(
            async () =>
            {
                var observation = await subject.ObserveAsync(CancellationToken.None);
                return observation.Nodes.All(n => n.IsUp) && observation.Fact(EtcdReadings.Leader) is not null;
            },
            Deadline,
            "every member is up and they agree on a leader");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Healthy_cluster_is_all_up_with_one_leader_and_every_reading()
    {
        await using var subject = Subject();

        var observation = await subject.ObserveAsync(CancellationToken.None);

        Assert.Equal("etcd", observation.Subject);
        Assert.Empty(observation.Errors);
        Assert.Equal(["n1", "n2", "n3"], observation.Nodes.Select(n => n.Name));
        var leader = Assert.Single(observation.Nodes, n => n.IsLeader);
        Assert.Equal(leader.Name, observation.Fact(EtcdReadings.Leader));
        Assert.Equal("3", observation.Fact(EtcdReadings.MemberCount));
        Assert.Equal("n1,n2,n3", observation.Fact(EtcdReadings.Members));
        foreach (var node in observation.Nodes)
        {
            Assert.Equal(NodeState.Up, node.State);
            Assert.Null(node.Error);
            Assert.Equal(ProcessState.Running, node.Process);
            Assert.NotNull(node.Pid);
            Assert.Equal("3.4.23", node.Fact(EtcdReadings.Version));
            Assert.Equal(leader.Fact(EtcdReadings.MemberId), node.Fact(EtcdReadings.LeaderId));
            Assert.Null(node.Fact(EtcdReadings.MetricsError));
            Assert.Null(node.Fact(EtcdReadings.Alarms));
            Assert.True(node.Metric(EtcdReadings.DbSizeBytes) > 0);
            Assert.True(node.Metric(EtcdReadings.DbSizeInUseBytes) > 0);
            Assert.True(node.Metric(EtcdReadings.RaftIndex) > 0);
            Assert.True(node.Metric(EtcdReadings.RaftTerm) > 0);
            Assert.True(node.Metric(EtcdReadings.RaftAppliedIndex) > 0);
            Assert.Equal(2147483648, node.Metric(EtcdReadings.QuotaBytes));
            Assert.Equal(1, node.Metric(EtcdReadings.HasLeader));
            Assert.Equal(2, node.Metric(EtcdReadings.ActivePeers));
            Assert.NotNull(node.Metric(EtcdReadings.PeerSentFailures));
            Assert.NotNull(node.Metric(EtcdReadings.LeaderChangesSeen));
            Assert.NotNull(node.Metric(EtcdReadings.ProposalsPending));
            Assert.NotNull(node.Metric(EtcdReadings.ProposalsFailed));
            Assert.True(node.Metric(EtcdReadings.ResidentMemoryBytes) > 0);
            Assert.True(node.Histograms[EtcdReadings.RequestDuration].Count > 0); // our own status calls are unary RPCs
            Assert.True(node.Histograms[EtcdReadings.WalFsyncDuration].Count > 0);
            Assert.Contains(EtcdReadings.BackendCommitDuration, node.Histograms.Keys);
        }
    }

    [Fact]
    public async Task Every_member_answers_its_peer_port_in_a_few_milliseconds()
    {
        await using var subject = Subject();
        await subject.ObserveAsync(CancellationToken.None); // learns the peer URLs from the member list

        var observation = await subject.ObserveAsync(CancellationToken.None);

        Assert.Null(observation.Fact(EtcdReadings.PeerProbes));
        var ports = Etcd.Nodes.ToDictionary(n => n.Name, n => n.PeerUrl.ToString().TrimEnd('/'));
        foreach (var node in observation.Nodes)
        {
            Assert.Null(node.Fact(EtcdReadings.PeerError));
            Assert.Equal(ports[node.Name], node.Fact(EtcdReadings.PeerUrl));
            var roundTrip = node.Metric(EtcdReadings.PeerRoundTripSeconds);
            Assert.NotNull(roundTrip);

            // About a millisecond on an idle loopback (1 to 7 ms measured at load 12); loose because two cores are shared.
            Assert.InRange(roundTrip.Value, 0, 0.1);
        }
    }

    [Fact]
    public async Task Client_round_trips_a_key_and_reads_the_whole_metrics_page_without_skipping_lines()
    {
        var url = Etcd.Endpoints[0].ClientUrl;

        var put = await _client.PutAsync(url, "/operator/test/key", "v1", Deadline, CancellationToken.None);
        var range = await _client.RangeAsync(url, "/operator/test/key", Deadline, CancellationToken.None);
        var missing = await _client.RangeAsync(url, "/operator/test/none", Deadline, CancellationToken.None, serializable: true);
        var metrics = await _client.MetricsAsync(Etcd.Endpoints[0].MetricsUrl, null, Deadline, CancellationToken.None);

        Assert.True(put.Ok, put.ToString());
        var kv = Assert.Single(range.Value!.Kvs);
        Assert.Equal("/operator/test/key", kv.KeyText);
        Assert.Equal("v1", kv.ValueText);
        Assert.Equal(put.Value.Header.Revision, kv.ModRevision);
        Assert.Empty(missing.Value!.Kvs);
        Assert.Equal(0, missing.Value.Count);
        Assert.True(metrics.Value!.Samples.Count > 500);
        Assert.Equal(0, metrics.Value.SkippedLines);
    }

    [Fact]
    public async Task Killed_follower_is_down_as_refused_while_the_others_stay_up()
    {
        await using var subject = Subject(probeTimeout: TimeSpan.FromSeconds(3));
        var victim = await FollowerAsync(subject);
        var endpoint = Etcd.Endpoints.Single(e => e.Name == victim);

        await Etcd.Cluster.KillAsync(victim);
        await ExitedAsync(endpoint.Pid!.Value);
        var observation = await subject.ObserveAsync(CancellationToken.None);

        var dead = observation.Node(victim)!;
        Assert.Equal(NodeState.Down, dead.State);
        var refused = $"get status from {EtcdClient.Display(endpoint.ClientUrl)}: connection refused";
        Assert.True(dead.Error?.StartsWith(refused, StringComparison.Ordinal), $"expected \"{refused}…\", got \"{dead.Error}\"");
        Assert.All(observation.Nodes.Where(n => n.Name != victim), n => Assert.Equal(NodeState.Up, n.State));
        Assert.NotEqual(victim, observation.Fact(EtcdReadings.Leader));
        Assert.Equal("3", observation.Fact(EtcdReadings.MemberCount));

        // Refused is immediate: a dead member must not hold the cycle until the probe deadline.
        Assert.True(observation.Duration < subject.Options.ProbeTimeout, $"observation took {observation.Duration}");
    }

    [Fact]
    public async Task Paused_member_is_paused_with_a_known_pid_and_unresponsive_without_one()
    {
        await using var withPids = Subject();
        var victim = await FollowerAsync(withPids);
        var pidless = new StaticEndpointSource(Etcd.Endpoints.Select(e => e with { Pid = null }));
        await using var withoutPids = Subject(pidless);

        await Etcd.Cluster.PauseAsync(victim);
        try
        {
            var known = await withPids.ObserveAsync(CancellationToken.None);
            var unknown = await withoutPids.ObserveAsync(CancellationToken.None);

            Assert.Equal(NodeState.Paused, known.Node(victim)!.State);
            Assert.Equal(ProcessState.Stopped, known.Node(victim)!.Process);
            Assert.Contains("no answer within", known.Node(victim)!.Error, StringComparison.Ordinal);
            Assert.Equal(NodeState.Unresponsive, unknown.Node(victim)!.State);
            Assert.Equal(ProcessState.Unknown, unknown.Node(victim)!.Process);
            Assert.All(known.Nodes.Where(n => n.Name != victim), n => Assert.Equal(NodeState.Up, n.State));

            // Status, metrics and member list share one deadline, so a hung member costs one timeout, not three.
            Assert.True(known.Duration < 2 * withPids.Options.ProbeTimeout, $"observation took {known.Duration}");
        }
        finally
        {
            await Etcd.Cluster.ResumeAsync(victim);
        }
    }

    [Fact]
    public async Task Watch_reports_a_killed_member_without_waiting_for_a_poll_and_again_when_it_returns()
    {
        await using var subject = Subject();
        var victim = await FollowerAsync(subject);
        var metricsUrl = Etcd.Endpoints.Single(e => e.Name == victim).MetricsUrl;
        var changes = Channel.CreateUnbounded<string>();
        using var stop = new CancellationTokenSource();

        var watching = subject.WatchAsync(message => changes.Writer.TryWrite(message), stop.Token);
        try
        {
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    var scrape = await _client.MetricsAsync(metricsUrl, MetricFilter.ForNames("etcd_debugging_mvcc_watcher_total"), Deadline, CancellationToken.None);
                    return scrape.Value?.Value("etcd_debugging_mvcc_watcher_total") >= 1;
                },
                Deadline,
                $"{victim} serves our watch");

            await Etcd.Cluster.KillAsync(victim);
            var dropped = await ReadAsync(changes);
            await RestartAsync(victim);
            var back = await ReadAsync(changes);

            Assert.StartsWith($"watch stream to {victim} dropped: ", dropped, StringComparison.Ordinal);
            Assert.Equal($"watch stream to {victim} re-established", back);
        }
        finally
        {
            await stop.CancelAsync();
            await watching.WaitAsync(Deadline);
        }
    }

    [Fact]
    public async Task Metrics_scrape_is_reused_within_the_metrics_interval_and_refetched_when_it_is_zero()
    {
        // etcd counts the scrapes it served: promhttp_metric_handler_requests_total{code="200"}.
        var n1 = Etcd.Endpoints.Single(e => e.Name == "n1");
        async Task<double> ScrapesServedAsync()
        {
            var scrape = await _client.MetricsAsync(n1.MetricsUrl, MetricFilter.ForNames("promhttp_metric_handler_requests_total"), Deadline, CancellationToken.None);
            Assert.True(scrape.Ok, scrape.Failure?.Message);
            return scrape.Value!.Value("promhttp_metric_handler_requests_total", s => s.HasLabel("code", "200"))!.Value;
        }

        async Task<double> ScrapesDuringAsync(TimeSpan interval)
        {
            await using var subject = new EtcdSubject(Etcd.EndpointSource, _client, TimeProvider.System, new EtcdSubjectOptions { ProbeTimeout = ProbeTimeout, MetricsInterval = interval });
            var before = await ScrapesServedAsync();
            for (var i = 0; i < 3; i++)
            {
                var o = await subject.ObserveAsync(CancellationToken.None);
                Assert.NotNull(o.Node("n1")!.Metric(EtcdReadings.QuotaBytes)); // reused or fresh, readings are there
            }

            return await ScrapesServedAsync() - before - 1; // minus our own "before" scrape
        }

        Assert.Equal(1, await ScrapesDuringAsync(TimeSpan.FromHours(1)));
        Assert.Equal(3, await ScrapesDuringAsync(TimeSpan.Zero));
    }

    private EtcdSubject Subject(IEtcdEndpointSource? source = null, TimeSpan? probeTimeout = null) =>
        new(source ?? Etcd.EndpointSource, _client, TimeProvider.System, new EtcdSubjectOptions { ProbeTimeout = probeTimeout ?? ProbeTimeout });

    // A dying process loses its command line before its sockets close: until it is a zombie (or reaped) its
    // port may still accept or reset rather than refuse.
    private static Task ExitedAsync(int pid) =>
        Eventually.WaitUntilAsync(() => ProcessInspector.Inspect(pid) == ProcessState.Gone, Deadline, $"pid {pid} has exited");

    // KillAsync can return while the dying process still holds its listeners (its cmdline empties before its
    // sockets close), and RestartAsync then refuses the busy port; retry just that.
    private async Task RestartAsync(string name) =>
        await Eventually.WaitUntilAsync(
            async () =>
            {
                try
                {
                    await Etcd.Cluster.RestartAsync(name);
                    return true;
                }
                catch (Core.OperatorException e) when (e.Message.Contains("is in use", StringComparison.Ordinal))
                {
                    return false;
                }
            },
            Deadline,
            $"{name} restarts");

    private static async Task<string> FollowerAsync(EtcdSubject subject)
    {
        var observation = await subject.ObserveAsync(CancellationToken.None);
        return observation.Nodes.First(n => n.IsUp && !n.IsLeader).Name;
    }

    private static async Task<string> ReadAsync(Channel<string> changes)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        return await changes.Reader.ReadAsync(deadline.Token);
    }
}
