using System.Text.Json;
using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary>
/// <c>chaos list|inject|revert</c> against a real local cluster made by <c>cluster up</c>: every fault takes effect,
/// is recorded in the dead-man record before it acts, and its revert leaves the cluster healthy with nothing recorded.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class FaultCatalogueTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Every_fault_injects_and_reverts_leaving_a_healthy_cluster()
    {
        using var dir = new TempStateDir();
        try
        {
            var up = await OperatorCli.RunAsync(dir.Path, "cluster", "up", "--quota-backend-bytes", "8MiB");
            Assert.True(up.ExitCode == 0, up.ToString());

            var list = await OperatorCli.RunAsync(dir.Path, "chaos", "list", "--json");
            Assert.True(list.ExitCode == 0, list.ToString());
            using var catalogue = JsonDocument.Parse(list.Stdout);
            var faults = catalogue.RootElement.EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToList();
            Assert.Equal(FaultNames, faults);

            foreach (var fault in faults)
            {
                var inject = await OperatorCli.RunAsync(dir.Path, "chaos", "inject", fault, "--json");
                Assert.True(inject.ExitCode == 0, $"{fault}: {inject}");
                using var injected = JsonDocument.Parse(inject.Stdout);
                var node = injected.RootElement.GetProperty("node").GetString();
                var nodes = injected.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()!).ToList();
                Assert.Equal(fault, injected.RootElement.GetProperty("fault").GetString());
                Assert.Single(await RecordedAsync(dir.Path));
                var status = await OperatorCli.RunAsync(dir.Path, "cluster", "status");
                Assert.Contains($"injected fault: {fault}", status.Stdout);

                await AssertInEffectAsync(dir.Path, fault, node, nodes);

                var revert = await OperatorCli.RunAsync(dir.Path, "chaos", "revert", "--json");
                Assert.True(revert.ExitCode == 0, $"{fault}: {revert}");
                Assert.Empty(await RecordedAsync(dir.Path));
                await WaitHealthyAsync(dir.Path, $"the cluster healthy after reverting {fault}");
            }
        }
        finally
        {
            await OperatorCli.RunAsync(dir.Path, "cluster", "down", "--purge");
        }
    }

    [Fact]
    public async Task A_fault_left_behind_by_a_killed_injector_is_undone_by_revert_all()
    {
        using var dir = new TempStateDir();
        try
        {
            var up = await OperatorCli.RunAsync(dir.Path, "cluster", "up");
            Assert.True(up.ExitCode == 0, up.ToString());

            // The injector promises to revert after 60 s, and is SIGKILLed long before: the record must outlive it.
            await using (var injector = OperatorDaemon.Start(dir.Path, "chaos", "inject", "pause", "--target", "follower", "--duration", "60s"))
            {
                await Eventually.WaitUntilAsync(() => injector.Stdout.Contains("injected pause on", StringComparison.Ordinal), Deadline, "the injection line");
                System.Diagnostics.Process.GetProcessById(injector.Pid).Kill();
                await Eventually.WaitUntilAsync(() => injector.HasExited, Deadline, "the injector to die");
            }

            var recorded = Assert.Single(await RecordedAsync(dir.Path));
            var node = recorded.GetProperty("plan").GetProperty("node").GetString()!;
            Assert.Equal("paused", await StateAsync(dir.Path, node));

            var list = await OperatorCli.RunAsync(dir.Path, "chaos", "list");
            Assert.Contains($"active: pause on {node}", list.Stdout);

            var revert = await OperatorCli.RunAsync(dir.Path, "chaos", "revert", "--all");
            Assert.True(revert.ExitCode == 0, revert.ToString());
            Assert.Contains($"reverted pause on {node}", revert.Stdout);
            Assert.Empty(await RecordedAsync(dir.Path));
            await WaitHealthyAsync(dir.Path, "the cluster healthy after revert --all");

            var again = await OperatorCli.RunAsync(dir.Path, "chaos", "revert", "--all");
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Contains("nothing to revert", again.Stdout);
        }
        finally
        {
            await OperatorCli.RunAsync(dir.Path, "cluster", "down", "--purge");
        }
    }

    [Fact]
    public async Task Bad_requests_are_one_line_errors()
    {
        using var dir = new TempStateDir();
        try
        {
            CliAssert.OneLineError(await OperatorCli.RunAsync(dir.Path, "chaos", "inject", "pause"), "no cluster in");

            var up = await OperatorCli.RunAsync(dir.Path, "cluster", "up");
            Assert.True(up.ExitCode == 0, up.ToString());
            CliAssert.OneLineError(await OperatorCli.RunAsync(dir.Path, "chaos", "inject", "meteor"), "no fault named meteor; faults are kill-follower");
            CliAssert.OneLineError(await OperatorCli.RunAsync(dir.Path, "chaos", "inject", "kill-leader", "--target", "n1"), "kill-leader takes no --target");
            CliAssert.OneLineError(await OperatorCli.RunAsync(dir.Path, "chaos", "inject", "pause", "--target", "n9"), "no node named n9");
            CliAssert.OneLineError(await OperatorCli.RunAsync(dir.Path, "chaos", "inject", "nospace"), "--quota-backend-bytes");
            Assert.Empty(await RecordedAsync(dir.Path));
        }
        finally
        {
            await OperatorCli.RunAsync(dir.Path, "cluster", "down", "--purge");
        }
    }

    private static readonly string[] FaultNames = ["kill-follower", "kill-leader", "pause", "quorum-loss", "nospace", "latency", "partition"];

    private static async Task AssertInEffectAsync(string dir, string fault, string? node, IReadOnlyList<string> nodes)
    {
        switch (fault)
        {
            case "kill-follower" or "kill-leader":
                Assert.Equal("down", await StateAsync(dir, node!));
                break;
            case "pause":
                Assert.Equal("paused", await StateAsync(dir, node!));
                break;
            case "quorum-loss":
                Assert.Equal(2, nodes.Count);
                foreach (var n in nodes)
                {
                    Assert.Equal("down", await StateAsync(dir, n));
                }

                break;
            case "nospace":
                using (var http = new HttpClient())
                {
                    var client = Port(dir, Nodes(dir)[0], "clientPort");
                    using var alarms = await http.PostAsync($"http://127.0.0.1:{client}/v3/maintenance/alarm", new StringContent("""{"action":"GET"}"""));
                    Assert.Contains("NOSPACE", await alarms.Content.ReadAsStringAsync());
                }

                var text = await OperatorCli.RunAsync(dir, "cluster", "status");
                Assert.Contains("alarm NOSPACE raised (reported by", text.Stdout);

                break;
            case "latency":
                // Through the node's advertised peer URL (the fault proxy): 80 ms each way.
                using (var http = new HttpClient())
                {
                    var started = System.Diagnostics.Stopwatch.StartNew();
                    using var probing = await http.GetAsync($"http://127.0.0.1:{Port(dir, node!, "peerProxyPort")}/raft/probing");
                    Assert.True(probing.IsSuccessStatusCode);
                    Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(150), $"probing took {started.Elapsed}");
                }

                break;
            case "partition":
                using (var http = new HttpClient())
                {
                    await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"http://127.0.0.1:{Port(dir, node!, "peerProxyPort")}/raft/probing"));
                }

                Assert.Equal("up", await StateAsync(dir, node!)); // it still answers clients
                break;
            default:
                Assert.Fail("no check for " + fault);
                break;
        }
    }

    private static List<string> Nodes(string dir)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "cluster.json")));
        return doc.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("name").GetString()!).ToList();
    }

    private static int Port(string dir, string node, string field)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "cluster.json")));
        return doc.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == node).GetProperty(field).GetInt32();
    }

    private static async Task<string> StateAsync(string dir, string node)
    {
        var status = await OperatorCli.RunAsync(dir, "cluster", "status", "--json");
        using var doc = JsonDocument.Parse(status.Stdout);
        return doc.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == node).GetProperty("state").GetString()!;
    }

    private static async Task WaitHealthyAsync(string dir, string what) =>
        await Eventually.WaitUntilAsync(
            async () =>
            {
                var status = await OperatorCli.RunAsync(dir, "cluster", "status", "--json");
                if (status.ExitCode != 0)
                {
                    return false;
                }

                using var doc = JsonDocument.Parse(status.Stdout);
                var nodes = doc.RootElement.GetProperty("nodes").EnumerateArray().ToList();
                return nodes.All(n => n.GetProperty("state").GetString() == "up" && n.GetProperty("error").ValueKind == JsonValueKind.Null)
                    && nodes.Count(n => n.GetProperty("leader").GetBoolean()) == 1;
            },
            Deadline,
            what);

    private static async Task<List<JsonElement>> RecordedAsync(string dir)
    {
        var path = Path.Combine(dir, "chaos", "active-faults.json");
        if (!File.Exists(path))
        {
            return [];
        }

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
