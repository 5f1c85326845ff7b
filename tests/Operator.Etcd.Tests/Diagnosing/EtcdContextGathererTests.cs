using Operator.Core.Observing;
using Operator.Etcd.Diagnosing;
using Operator.Etcd.Tests.Invariants;
using Operator.Testing;
using static Operator.Etcd.Tests.Diagnosing.Given;

namespace Operator.Etcd.Tests.Diagnosing;

public sealed class EtcdContextGathererTests : IDisposable
{
    private readonly TempStateDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Gathers_node_tail_peer_lines_mentioning_it_by_hex_id_or_port_and_process_state()
    {
        var n1 = Write("n1.log",
            Zap("06:58:30.000", "info", "routine chatter about nothing"),
            Zap("06:58:32.653", "warn", "lost TCP streaming connection with remote peer", "\"remote-peer-id\":\"fa1316e641555fec\",\"error\":\"unexpected EOF\""),
            Zap("06:58:33.000", "warn", "lost TCP streaming connection with remote peer", "\"remote-peer-id\":\"dbbf29db168de453\",\"error\":\"unexpected EOF\""),
            Zap("06:58:37.700", "warn", "prober detected unhealthy status", "\"error\":\"dial tcp 127.0.0.1:23802: connect: connection refused\""));
        var n1Err = Write("n1.stderr", "2026-11-24 06:58:34.100000 W | etcdserver/api/etcdhttp: /health error; no leader (status code 503)");
        var n2 = Write("n2.log", Enumerable.Range(0, 80).Select(i => Zap("06:57:00.000", "info", $"line {i}")).ToArray());
        var files = new List<EtcdNodeFiles>
        {
            new("n1", n1, n1Err, null, new Uri("http://127.0.0.1:23801"), new Uri("http://127.0.0.1:23791")),
            new("n2", n2, Path.Combine(_dir.Path, "missing.stderr"), Environment.ProcessId, new Uri("http://127.0.0.1:23802"), new Uri("http://127.0.0.1:23792")),
        };
        var observation = Obs.Of(T0, Obs.Node("n1", leader: true), Obs.Node("n2", facts: new() { [EtcdReadings.MemberId] = "18019771712233889772" }));
        var gatherer = new EtcdContextGatherer(new FixedSubject(observation), () => files, new EtcdContextGathererOptions { ProcessName = null });
        var ticket = Ticket("member_down", "n2", "n2 is down");
        var similar = Enumerable.Range(0, 5).Select(_ => ticket).ToList();

        var context = await gatherer.GatherAsync(ticket, similar, CancellationToken.None);

        Assert.Equal(50, context.NodeLogs.Count);
        Assert.Equal("line 79", context.NodeLogs[^1].Message);
        Assert.Equal(2, context.PeerLogs.Count);
        Assert.Equal("fa1316e641555fec", context.PeerLogs[0].Fields["remote-peer-id"]);
        Assert.Equal("prober detected unhealthy status", context.PeerLogs[1].Message);
        Assert.Equal(Environment.ProcessId, context.Pid);
        Assert.Equal(ProcessState.Running, context.Process);
        Assert.Equal(3, context.SimilarTickets.Count);
        Assert.Same(observation, context.Now);
    }

    [Fact]
    public async Task External_cluster_without_files_or_pids_gathers_the_observation_only()
    {
        var observation = Obs.Of(T0, Obs.Node("n1", leader: true), Obs.Node("n2", NodeState.Down, pid: null, process: ProcessState.Unknown));
        var gatherer = EtcdContextGatherer.ForExternal(new FixedSubject(observation));

        var context = await gatherer.GatherAsync(Ticket("member_down", "n2", "n2 is down"), [], CancellationToken.None);

        Assert.Empty(context.NodeLogs);
        Assert.Empty(context.PeerLogs);
        Assert.Null(context.Pid);
        Assert.Equal(ProcessState.Unknown, context.Process);
    }

    [Fact]
    public async Task Cluster_wide_ticket_collects_notable_lines_from_every_member()
    {
        var n1 = Write("n1.log",
            Zap("06:58:30.000", "info", "routine chatter"),
            Zap("06:58:32.000", "warn", "8e9e05c52164694d stepped down to follower since quorum is not active"));
        var files = new List<EtcdNodeFiles> { new("n1", n1, null, null, null, null) };
        var gatherer = new EtcdContextGatherer(new FixedSubject(Obs.Healthy(T0)), () => files);

        var context = await gatherer.GatherAsync(Ticket("quorum_lost", null, "quorum lost"), [], CancellationToken.None);

        Assert.Empty(context.NodeLogs);
        Assert.Equal("8e9e05c52164694d stepped down to follower since quorum is not active", Assert.Single(context.PeerLogs).Message);
    }

    private static string Zap(string time, string level, string msg, string extra = "") =>
        $"{{\"level\":\"{level}\",\"ts\":\"2026-11-24T{time}Z\",\"caller\":\"x.go:1\",\"msg\":\"{msg}\"{(extra.Length > 0 ? "," + extra : string.Empty)}}}";

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
