using System.Text.Json;
using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary>The monitor daemon as a real child process against a real 3-member etcd cluster.</summary>
public sealed class MonitorEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Killing_a_follower_then_the_leader_opens_member_down_tickets_that_auto_resolve_after_restart()
    {
        await using var cluster = await EtcdTestCluster.StartAsync();
        var dir = cluster.StateDir;
        await using var monitor = OperatorDaemon.Start(dir, "monitor", "run", "--interval", "0.5", "--probe-timeout", "1s");
        await Eventually.WaitUntilAsync(() => monitor.Stdout.Contains("3/3 up", StringComparison.Ordinal), Deadline, "a heartbeat with all three members up");

        foreach (var target in new[] { "follower", "leader" })
        {
            var kill = await OperatorCli.RunAsync(dir, "chaos", "kill", target, "--json");
            Assert.True(kill.ExitCode == 0, kill.ToString());
            using var killed = JsonDocument.Parse(kill.Stdout);
            var node = killed.RootElement.GetProperty("node").GetString()!;
            Assert.Equal("kill", killed.RootElement.GetProperty("action").GetString());
            var at = DateTimeOffset.Parse(killed.RootElement.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

            JsonElement? ticket = null;
            await Eventually.WaitUntilAsync(
                async () => (ticket = await TicketQuery.FindAsync(dir, "member_down", node, "open")) is not null,
                Deadline,
                $"an open member_down ticket for the killed {target} {node}");
            var t = ticket!.Value;
            Assert.Equal($"member_down", t.GetProperty("invariant").GetString());
            Assert.Equal("critical", t.GetProperty("severity").GetString());
            Assert.Contains("connection refused", t.GetProperty("message").GetString());
            Assert.True(DateTimeOffset.Parse(t.GetProperty("firstSeenAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= at.AddMilliseconds(-1));
            Assert.Equal("down", t.GetProperty("snapshot").GetProperty("state").GetString());
            Assert.Contains($"OPENED   #{t.GetProperty("id").GetInt64()} member_down:{node}", monitor.Stdout);

            var restart = await OperatorCli.RunAsync(dir, "chaos", "restart", node);
            Assert.True(restart.ExitCode == 0, restart.ToString());
            var id = t.GetProperty("id").GetInt64();
            await Eventually.WaitUntilAsync(
                async () => (await TicketQuery.ListAsync(dir)).Any(x => x.GetProperty("id").GetInt64() == id && x.GetProperty("status").GetString() == "resolved"),
                Deadline,
                $"ticket #{id} for {node} to auto-resolve after the restart");
        }

        // Only the two member_down tickets: no duplicate for the same outage, no spurious quorum or alarm tickets.
        var tickets = await TicketQuery.ListAsync(dir);
        Assert.Equal(2, tickets.Count(x => x.GetProperty("invariant").GetString() == "member_down"));
        Assert.DoesNotContain(tickets, x => x.GetProperty("invariant").GetString() is "quorum_lost" or "alarm_active" or "member_unresponsive");

        Assert.Equal(0, await monitor.StopAsync());
        Assert.Contains("monitor stopped after", monitor.Stdout);
        Assert.Equal(string.Empty, monitor.Stderr);
    }

    [Fact]
    public async Task Monitor_keeps_running_when_the_whole_cluster_is_gone_and_reports_quorum_lost()
    {
        await using var cluster = await EtcdTestCluster.StartAsync();
        var dir = cluster.StateDir;
        await using var monitor = OperatorDaemon.Start(dir, "monitor", "run", "--interval", "0.5", "--probe-timeout", "1s");
        await Eventually.WaitUntilAsync(() => monitor.Stdout.Contains("cycle 1:", StringComparison.Ordinal), Deadline, "the monitor's first heartbeat");

        foreach (var n in cluster.Nodes)
        {
            await cluster.Cluster.KillAsync(n.Name);
        }

        await Eventually.WaitUntilAsync(
            async () => await TicketQuery.FindAsync(dir, "quorum_lost", null, "open") is not null,
            Deadline,
            "an open quorum_lost ticket");
        var cyclesBefore = monitor.Stdout.Split('\n').Count(l => l.Contains(" cycle ", StringComparison.Ordinal));
        await Eventually.WaitUntilAsync(
            () => monitor.Stdout.Split('\n').Count(l => l.Contains(" cycle ", StringComparison.Ordinal)) >= cyclesBefore + 3,
            Deadline,
            "three more heartbeats with every member down");
        Assert.False(monitor.HasExited);
        Assert.Contains("0/3 up", monitor.Stdout);
        Assert.Equal(3, (await TicketQuery.ListAsync(dir, "open")).Count(t => t.GetProperty("invariant").GetString() == "member_down"));
        Assert.Equal(0, await monitor.StopAsync());
    }

    [Fact]
    public async Task Once_runs_a_single_cycle_and_exits_zero()
    {
        await using var cluster = await EtcdTestCluster.StartAsync();
        var r = await OperatorCli.RunAsync(cluster.StateDir, "monitor", "run", "--once", "--probe-timeout", "1s");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("cycle 1: 3/3 up", r.Stdout);
        Assert.DoesNotContain("cycle 2:", r.Stdout);
        Assert.True(File.Exists(Path.Combine(cluster.StateDir, "operator.db")));
    }
}
