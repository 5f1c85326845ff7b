using System.Globalization;
using System.Text.Json;
using Operator.FakeTikv;
using Operator.FakeTikv.Pd;
using Operator.FakeTikv.Tikv;
using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary>
/// The real monitor and agent processes with <c>--subject tikv</c> against the fake PD, status servers and Prometheus on
/// 127.0.0.1, driven through the issue's scenario: all up, a store PD calls Disconnected and then Down, back Up; and a
/// killed store process, caught by its status port while PD still says Up.
/// </summary>
public sealed class TikvEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static string[] Subject(FakeTikvCluster cluster) => ["--subject", "tikv", "--pd", cluster.PdEndpoints, "--prometheus", cluster.Prometheus.Url];

    private static async Task<JsonElement> WaitForTicketAsync(string dir, string invariant, string? node, string? status)
    {
        JsonElement? ticket = null;
        await Eventually.WaitUntilAsync(async () => (ticket = await TicketQuery.FindAsync(dir, invariant, node, status)) is not null, Deadline, $"a {status ?? "new"} {invariant} ticket for {node ?? "the cluster"}");
        return ticket!.Value;
    }

    [Fact]
    public async Task Store_disconnected_then_down_then_up_and_a_killed_store_are_ticketed_diagnosed_and_resolved()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var state = new TempStateDir();
        var dir = state.Path;
        await using var monitor = OperatorDaemon.Start(dir, ["monitor", "run", "--interval", "0.5", .. Subject(cluster)]);
        await using var agent = OperatorDaemon.Start(dir, ["agent", "start", "--interval", "0.5", "--engine", "rules", .. Subject(cluster)]);
        await Eventually.WaitUntilAsync(() => monitor.Stdout.Contains("6/6 up, leader pd1", StringComparison.Ordinal) && agent.Stdout.Contains("agent started", StringComparison.Ordinal), Deadline, "monitor and agent running: " + monitor.Stdout + monitor.Stderr + agent.Stderr);
        Assert.Empty(await TicketQuery.ListAsync(dir));

        // PD stops hearing from store4, whose process still answers: Disconnected, then Down.
        cluster.Store(4).SetPdState(StoreStateName.Disconnected);
        var disconnected = await WaitForTicketAsync(dir, "store_down", "store4", "diagnosed");
        Assert.Contains("PD says Disconnected", disconnected.GetProperty("message").GetString(), StringComparison.Ordinal);
        var isolation = disconnected.GetProperty("diagnosis");
        Assert.Equal("network_isolated", isolation.GetProperty("cause").GetString());
        Assert.Equal("store4", isolation.GetProperty("node").GetString());
        Assert.Contains(isolation.GetProperty("alternatives").EnumerateArray(), a => a.GetProperty("hypothesis").GetString()!.StartsWith("store_crashed: ", StringComparison.Ordinal));

        cluster.Store(4).SetPdState(StoreStateName.Down);
        var downPeer = await WaitForTicketAsync(dir, "region_down_peer", null, "diagnosed"); // a cluster-wide ticket: no node
        Assert.Equal("network_isolated", downPeer.GetProperty("diagnosis").GetProperty("cause").GetString());
        Assert.Equal("store4", downPeer.GetProperty("diagnosis").GetProperty("node").GetString()); // the regions point at the store
        Assert.Contains("36 of 36 regions have a down peer", downPeer.GetProperty("message").GetString(), StringComparison.Ordinal);
        var stillOne = (await TicketQuery.ListAsync(dir)).Count(t => t.GetProperty("invariant").GetString() == "store_down");
        Assert.Equal(1, stillOne); // Disconnected → Down is the same fault: the ticket stays, no second one

        cluster.Store(4).SetPdState(StoreStateName.Up);
        var resolved = await WaitForTicketAsync(dir, "store_down", "store4", "resolved");
        Assert.Equal(disconnected.GetProperty("id").GetInt64(), resolved.GetProperty("id").GetInt64());
        await WaitForTicketAsync(dir, "region_down_peer", null, "resolved");

        // store5's process dies; PD still says Up for up to 20 s, the status port refuses at once.
        cluster.Store(5).Kill();
        var crashed = await WaitForTicketAsync(dir, "store_down", "store5", "diagnosed");
        Assert.Contains("connection refused", crashed.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("PD says Up", crashed.GetProperty("message").GetString(), StringComparison.Ordinal);
        var crash = crashed.GetProperty("diagnosis");
        Assert.Equal("store_crashed", crash.GetProperty("cause").GetString());
        Assert.Equal("store5", crash.GetProperty("node").GetString());
        Assert.Contains(crash.GetProperty("commands").EnumerateArray(), c => c.GetString() == "./operator chaos restart store5 --subject tikv");
        var id = crashed.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"DIAGNOSED #{id} store_down:store5 → store_crashed", agent.Stdout, StringComparison.Ordinal);

        var show = await OperatorCli.RunAsync(dir, "tickets", "show", id);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("Alternatives considered", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("network_isolated", show.Stdout, StringComparison.Ordinal);

        var again = await OperatorCli.RunAsync(dir, ["diagnose", id, "--json", .. Subject(cluster)]);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("store_crashed", JsonDocument.Parse(again.Stdout).RootElement.GetProperty("cause").GetString());

        cluster.Store(5).Restart();
        await WaitForTicketAsync(dir, "store_down", "store5", "resolved");
        Assert.All(await TicketQuery.ListAsync(dir), t => Assert.Equal("resolved", t.GetProperty("status").GetString()));

        Assert.Equal(0, await agent.StopAsync());
        Assert.Equal(0, await monitor.StopAsync());
        Assert.Empty(monitor.Stderr);
    }

    [Fact]
    public async Task Monitor_keeps_running_through_PD_answering_garbage_and_Prometheus_failing_and_names_what_failed()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var state = new TempStateDir();
        await using var monitor = OperatorDaemon.Start(state.Path, ["monitor", "run", "--interval", "0.5", .. Subject(cluster)]);
        await Eventually.WaitUntilAsync(() => monitor.Stdout.Contains("6/6 up", StringComparison.Ordinal), Deadline, "monitor running: " + monitor.Stderr);

        cluster.PdFaults.Set("/stores", PdFault.Html);
        cluster.PdFaults.Set("/members", PdFault.TruncatedJson);
        cluster.Prometheus.FailQueries();
        await Eventually.WaitUntilAsync(() => monitor.Stdout.Contains("list stores from PD", StringComparison.Ordinal), Deadline, "the /stores failure reported: " + monitor.Stdout);

        cluster.PdFaults.ClearAll();
        cluster.Prometheus.Restore();
        var mark = monitor.Stdout.Length;
        await Eventually.WaitUntilAsync(() => monitor.Stdout[mark..].Contains("6/6 up, leader pd1", StringComparison.Ordinal), Deadline, "monitor healthy again: " + monitor.Stdout[mark..]);
        Assert.False(monitor.HasExited);
        Assert.DoesNotContain("   at ", monitor.Stdout + monitor.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, await monitor.StopAsync());
    }

    [Theory]
    [InlineData(new[] { "monitor", "run", "--once", "--subject", "tikv" }, "no TiKV cluster to watch")]
    [InlineData(new[] { "monitor", "run", "--once", "--subject", "tikv", "--pd", "pd0:2379" }, "--pd")]
    [InlineData(new[] { "monitor", "run", "--once", "--subject", "tikv", "--endpoints", "http://127.0.0.1:2379" }, "--endpoints is for etcd")]
    [InlineData(new[] { "monitor", "run", "--once", "--pd", "http://127.0.0.1:2379" }, "--pd is for TiKV; add --subject tikv")]
    [InlineData(new[] { "monitor", "run", "--once", "--subject", "tikv", "--pd", "http://127.0.0.1:2379", "--log-dir", "/nonexistent/logs" }, "--log-dir /nonexistent/logs does not exist")]
    public async Task Wrong_subject_options_are_one_line_errors(string[] args, string expected)
    {
        using var state = new TempStateDir();
        var r = await OperatorCli.RunAsync(state.Path, args);
        Assert.NotEqual(0, r.ExitCode);
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("operator: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
