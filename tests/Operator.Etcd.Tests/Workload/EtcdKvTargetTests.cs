using Operator.Etcd.Client;
using Operator.Etcd.Workload;
using Operator.Testing;

namespace Operator.Etcd.Tests.Workload;

public sealed class EtcdKvTargetTests
{
    private const string PutAnswer = """{"header":{"cluster_id":"1","member_id":"2","revision":"5","raft_term":"2"}}""";
    private const string RangeAnswer = """{"header":{"cluster_id":"1","member_id":"2","revision":"5","raft_term":"2"},"count":"0"}""";
    private const string LeaderChanged = """{"error":"etcdserver: leader changed","message":"etcdserver: leader changed","code":14}""";

    [Fact]
    public async Task A_refused_member_is_unreachable_and_named_in_the_error()
    {
        var url = FakeHttpServer.RefusingUrl();
        using var client = new EtcdClient();
        var target = new EtcdKvTarget(client, StaticEndpointSource.FromUrls([url]), TimeSpan.FromSeconds(2));

        var read = await target.ReadAsync(0, "/operator-load/user000001", CancellationToken.None);

        Assert.False(read.Ok);
        Assert.False(read.Reached);
        Assert.Equal($"get /operator-load/user000001 from {EtcdClient.Display(url)}: connection refused", read.Error);
    }

    [Fact]
    public async Task A_member_that_answers_with_an_etcd_error_was_reached()
    {
        await using var server = FakeHttpServer.Answering(503, "application/json", LeaderChanged);
        using var client = new EtcdClient();
        var target = new EtcdKvTarget(client, StaticEndpointSource.FromUrls([server.Url]), TimeSpan.FromSeconds(2));

        var update = await target.UpdateAsync(0, "/k", "v", CancellationToken.None);

        Assert.True(update.Reached);
        Assert.Equal($"put /k on {EtcdClient.Display(server.Url)}: HTTP 503: etcdserver: leader changed", update.Error);
    }

    [Fact]
    public async Task Reads_and_updates_go_to_the_chosen_member_and_succeed()
    {
        await using var a = FakeHttpServer.Answering(200, "application/json", PutAnswer);
        await using var b = FakeHttpServer.Answering(200, "application/json", RangeAnswer);
        using var client = new EtcdClient();
        var target = new EtcdKvTarget(client, StaticEndpointSource.FromUrls([a.Url, b.Url]), TimeSpan.FromSeconds(2));

        Assert.Equal([EtcdClient.Display(a.Url), EtcdClient.Display(b.Url)], target.Endpoints);
        Assert.True((await target.UpdateAsync(0, "/k", "v", CancellationToken.None)).Ok);
        Assert.True((await target.ReadAsync(1, "/k", CancellationToken.None)).Ok);
        Assert.True((await target.ReadAsync(3, "/k", CancellationToken.None)).Ok); // taken modulo the member count
        Assert.Equal(1, a.Connections);
        Assert.Equal(2, b.Connections);
    }

    [Fact]
    public async Task Endpoint_urls_are_re_read_at_most_once_a_second()
    {
        await using var answering = FakeHttpServer.Answering(200, "application/json", RangeAnswer);
        var refusing = FakeHttpServer.RefusingUrl();
        var source = new SwitchingSource(refusing);
        var clock = new SteppedClock();
        using var client = new EtcdClient();
        var target = new EtcdKvTarget(client, source, TimeSpan.FromSeconds(2), clock);

        source.Url = answering.Url;
        Assert.False((await target.ReadAsync(0, "/k", CancellationToken.None)).Ok);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False((await target.ReadAsync(0, "/k", CancellationToken.None)).Ok);
        Assert.Equal(1, source.Reads);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True((await target.ReadAsync(0, "/k", CancellationToken.None)).Ok);
        Assert.Equal([EtcdClient.Display(answering.Url)], target.Endpoints);
        Assert.Equal(2, source.Reads);

        // An empty answer (cluster.json gone) keeps the last good endpoints.
        source.Url = null;
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True((await target.ReadAsync(0, "/k", CancellationToken.None)).Ok);
    }

    private sealed class SwitchingSource(Uri first) : IEtcdEndpointSource
    {
        public Uri? Url { get; set; } = first;

        public int Reads { get; private set; }

        public IReadOnlyList<EtcdEndpoint> Current()
        {
            Reads++;
            return Url is null ? [] : [new EtcdEndpoint("n1", Url, Url, null)];
        }
    }

    /// <summary>Timestamps move only when the test says so; timers are the system's (request deadlines are not under test).</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _now);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _now, by.Ticks);
    }
}
