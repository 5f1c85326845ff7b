using Operator.Core.Diagnosis;
using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Core.Tickets;
using Operator.TiKV.Diagnosing;
using Operator.TiKV.Tests.Invariants;

namespace Operator.TiKV.Tests.Diagnosing;

public sealed class TikvContextGathererTests
{
    private sealed class FixedSubject(Observation observation) : ISubject
    {
        public string Name => "tikv";

        public Task<Observation> ObserveAsync(CancellationToken cancellationToken) => Task.FromResult(observation);

        public Task WatchAsync(Action<string> changed, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class RawLogs(Dictionary<string, string[]> lines) : ITikvLogSource
    {
        public Dictionary<string, IReadOnlyDictionary<long, string>> AddressesSeen { get; } = [];

        public Task<IReadOnlyList<LogLine>> TailAsync(string node, int count, IReadOnlyDictionary<long, string> storeAddresses, CancellationToken cancellationToken)
        {
            AddressesSeen[node] = storeAddresses;
            return Task.FromResult(TiKV.Logs.UnifiedLogParser.ToLogLines(lines.GetValueOrDefault(node) ?? [], node));
        }
    }

    private static Ticket StoreTicket(string node) =>
        new(1, "tikv", "store_down", node, node, TicketStatus.Open, Severity.Critical, $"{node} is down", TikvObs.T0, TikvObs.T0, null, 1, false, false, "{}", null, null);

    [Fact]
    public async Task The_nodes_own_tail_and_only_the_peer_lines_that_mention_its_store_id_or_address_are_gathered()
    {
        var now = TikvObs.Of(TikvObs.T0, [TikvObs.Pd("pd0", leader: true), TikvObs.Store(1), TikvObs.Store(4, NodeState.Down), TikvObs.Store(5)]);
        var logs = new RawLogs(new()
        {
            ["store4"] = ["[2026/11/29 09:59:58.100 +00:00] [INFO] [raft.rs:1271] [\"became leader at term 7\"] [term=7] [raft_id=16] [region_id=2]"],
            ["store1"] =
            [
                "[2026/11/29 09:59:59.002 +00:00] [WARN] [raft_client.rs:594] [\"connection aborted\"] [addr=tikv4:20160] [store_id=4]",
                "[2026/11/29 09:59:59.500 +00:00] [INFO] [raft.rs:1271] [\"became leader at term 8\"] [term=8] [raft_id=3] [region_id=2]",
            ],
            ["store5"] = ["[2026/11/29 10:00:00.001 +00:00] [WARN] [raft_client.rs:600] [\"broadcasting unreachable\"] [store_id=5] [unreachable_store_id=4]"],
            ["pd0"] = ["[2026/11/29 10:00:00.200 +00:00] [WARN] [cluster.go:1538] [\"store has been offline\"] [store-id=1]"],
        });

        var context = await new TikvContextGatherer(new FixedSubject(now), logs).GatherAsync(StoreTicket("store4"), [], CancellationToken.None);

        Assert.Equal(["became leader at term 7"], context.NodeLogs.Select(l => l.Message));
        Assert.Equal(["connection aborted", "broadcasting unreachable"], context.PeerLogs.Select(l => l.Message));
        Assert.Equal(["store1", "store5"], context.PeerLogs.Select(l => l.Node));
        Assert.Equal("tikv4:20160", logs.AddressesSeen["store4"][4]);
        Assert.Same(now, context.Now);
    }

    [Fact]
    public async Task Without_logs_the_context_rests_on_the_observation_alone()
    {
        var now = TikvObs.Healthy();
        var context = await new TikvContextGatherer(new FixedSubject(now), new NoLogSource()).GatherAsync(StoreTicket("store4"), [], CancellationToken.None);
        Assert.Empty(context.NodeLogs);
        Assert.Empty(context.PeerLogs);
        Assert.Equal(ProcessState.Unknown, context.Process);
    }

    [Fact]
    public async Task A_log_directory_finds_a_store_by_name_or_by_its_address_host_and_reads_only_the_tail()
    {
        var dir = Directory.CreateTempSubdirectory("operator-tikv-logs").FullName;
        try
        {
            await File.WriteAllLinesAsync(Path.Combine(dir, "tikv4.log"), Enumerable.Range(0, 1000).Select(i => $"[2026/11/29 09:59:58.100 +00:00] [WARN] [peer.rs:1] [\"line {i}\"] [region_id=2]"));
            await File.WriteAllLinesAsync(Path.Combine(dir, "pd0.log"), ["[2026/11/29 09:59:58.100 +00:00] [INFO] [server.go:1] [\"campaign PD leader ok\"]"]);
            var source = new DirectoryLogSource(dir);
            var addresses = new Dictionary<long, string> { [4] = "tikv4:20160" };

            var store = await source.TailAsync("store4", 10, addresses, CancellationToken.None);
            var pd = await source.TailAsync("pd0", 10, addresses, CancellationToken.None);
            var none = await source.TailAsync("store9", 10, addresses, CancellationToken.None);

            Assert.Equal(10, store.Count);
            Assert.Equal("line 999", store[^1].Message);
            Assert.Equal("store4", store[0].Node);
            Assert.Equal("campaign PD leader ok", Assert.Single(pd).Message);
            Assert.Empty(none);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
