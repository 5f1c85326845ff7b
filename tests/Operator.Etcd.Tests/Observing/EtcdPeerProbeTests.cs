using Operator.Core.Observing;
using Operator.Etcd.Client;
using Operator.Etcd.Observing;
using Operator.Testing;

namespace Operator.Etcd.Tests.Observing;

/// <summary>
/// The subject's peer probe against fake members: each answers status and the member list like etcd 3.4
/// (reference §1.3), and lists a peer URL that answers <c>/raft/probing</c>, refuses, or accepts and never answers.
/// </summary>
public sealed class EtcdPeerProbeTests : IDisposable
{
    private const string Probing = """{"OK":true,"Now":"2026-11-24T10:31:07.250123456Z"}""";

    private readonly EtcdClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Refusing_and_silent_peer_ports_become_peer_errors_while_the_answering_one_has_a_round_trip()
    {
        await using var answering = FakeHttpServer.Answering(200, "application/json", Probing);
        await using var silent = FakeHttpServer.Silent();
        var refusing = FakeHttpServer.RefusingUrl();
        await using var members = await FakeMembersAsync([answering.Url, refusing, silent.Url]);
        await using (var warmUp = Subject(members.Source, TimeSpan.FromSeconds(2)))
        {
            await warmUp.ObserveAsync(CancellationToken.None); // a cold process pays for JIT in its first cycle
        }

        await using var subject = Subject(members.Source, TimeSpan.FromSeconds(1));
        var first = await subject.ObserveAsync(CancellationToken.None);
        var second = await subject.ObserveAsync(CancellationToken.None);

        foreach (var observation in new[] { first, second })
        {
            Assert.All(observation.Nodes, n => Assert.True(n.IsUp, n.Error));
            Assert.Equal("n1", observation.Fact(EtcdReadings.Leader));
            Assert.Null(observation.Fact(EtcdReadings.PeerProbes));

            var n1 = observation.Node("n1")!;
            Assert.Null(n1.Fact(EtcdReadings.PeerError));
            Assert.Equal(EtcdClient.Display(answering.Url), n1.Fact(EtcdReadings.PeerUrl));
            Assert.InRange(n1.Metric(EtcdReadings.PeerRoundTripSeconds)!.Value, 0, 0.2);

            var n2 = observation.Node("n2")!;
            Assert.Equal($"refused: probe peer port {EtcdClient.Display(refusing)}: connection refused", n2.Fact(EtcdReadings.PeerError));
            Assert.True(EtcdPeerErrors.IsCut(n2.Fact(EtcdReadings.PeerError)));
            Assert.Null(n2.Metric(EtcdReadings.PeerRoundTripSeconds));

            var n3 = observation.Node("n3")!;
            Assert.StartsWith($"timeout: probe peer port {EtcdClient.Display(silent.Url)}: no answer within", n3.Fact(EtcdReadings.PeerError), StringComparison.Ordinal);
            Assert.False(EtcdPeerErrors.IsCut(n3.Fact(EtcdReadings.PeerError)));
            Assert.True(n3.Metric(EtcdReadings.PeerRoundTripSeconds) > 0, "a timeout keeps the time waited as a lower bound of the round trip");
        }

        // From the second cycle on the probes start with the status probes and get the whole deadline.
        Assert.True(second.Node("n3")!.Metric(EtcdReadings.PeerRoundTripSeconds) >= 0.9, $"n3 waited {second.Node("n3")!.Metric(EtcdReadings.PeerRoundTripSeconds)} s");
        Assert.Contains("/raft/probing", answering.Requests);
    }

    [Fact]
    public async Task Peer_ports_the_monitor_cannot_reach_at_all_are_one_cluster_fact_not_per_member_errors()
    {
        await using var members = await FakeMembersAsync([FakeHttpServer.RefusingUrl(), FakeHttpServer.RefusingUrl(), FakeHttpServer.RefusingUrl()]);
        await using var subject = Subject(members.Source, TimeSpan.FromSeconds(1));

        await subject.ObserveAsync(CancellationToken.None);
        var observation = await subject.ObserveAsync(CancellationToken.None);

        Assert.StartsWith("unavailable: no member's peer port answers the monitor (refused: probe peer port", observation.Fact(EtcdReadings.PeerProbes), StringComparison.Ordinal);
        Assert.All(observation.Nodes, n =>
        {
            Assert.True(n.IsUp);
            Assert.Null(n.Fact(EtcdReadings.PeerError));
            Assert.Null(n.Metric(EtcdReadings.PeerRoundTripSeconds));
        });
    }

    [Fact]
    public async Task Peer_probes_can_be_turned_off()
    {
        var refusing = FakeHttpServer.RefusingUrl();
        await using var members = await FakeMembersAsync([refusing, refusing, refusing]);
        await using var subject = new EtcdSubject(members.Source, _client, TimeProvider.System, new EtcdSubjectOptions { ProbeTimeout = TimeSpan.FromSeconds(1), ProcessName = null, ProbePeers = false });

        await subject.ObserveAsync(CancellationToken.None);
        var observation = await subject.ObserveAsync(CancellationToken.None);

        Assert.All(observation.Nodes, n => Assert.Null(n.Fact(EtcdReadings.PeerUrl)));
        Assert.Null(observation.Fact(EtcdReadings.PeerProbes));
    }

    private EtcdSubject Subject(IEtcdEndpointSource source, TimeSpan probeTimeout) =>
        new(source, _client, TimeProvider.System, new EtcdSubjectOptions { ProbeTimeout = probeTimeout, ProcessName = null });

    /// <summary>Three members n1..n3 (ids 11..13, n1 the leader) whose member list gives the peer URLs given.</summary>
    private static Task<FakeMembers> FakeMembersAsync(IReadOnlyList<Uri> peerUrls)
    {
        var list = string.Join(',', peerUrls.Select((url, i) =>
            $$"""{"ID":"{{11 + i}}","name":"n{{i + 1}}","peerURLs":["{{EtcdClient.Display(url)}}"],"clientURLs":["http://10.0.0.{{i + 1}}:2379"]}"""));
        var servers = Enumerable.Range(0, peerUrls.Count).Select(i => FakeHttpServer.Routing(target => target switch
        {
            "/v3/maintenance/status" => FakeHttpServer.Response(200, "application/json",
                $$"""{"header":{"cluster_id":"7","member_id":"{{11 + i}}","revision":"3","raft_term":"2"},"version":"3.4.23","dbSize":"20480","leader":"11","raftIndex":"19","raftTerm":"2","raftAppliedIndex":"19","dbSizeInUse":"16384"}"""),
            "/v3/cluster/member/list" => FakeHttpServer.Response(200, "application/json",
                $$"""{"header":{"cluster_id":"7","member_id":"{{11 + i}}","raft_term":"2"},"members":[{{list}}]}"""),
            _ => FakeHttpServer.Response(404, "text/plain", "404 page not found\n"),
        })).ToList();
        return Task.FromResult(new FakeMembers(servers));
    }

    private sealed class FakeMembers(IReadOnlyList<FakeHttpServer> servers) : IAsyncDisposable
    {
        public IEtcdEndpointSource Source { get; } = new StaticEndpointSource(servers.Select((s, i) => new EtcdEndpoint($"n{i + 1}", s.Url, s.Url, null)));

        public async ValueTask DisposeAsync()
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }
}
