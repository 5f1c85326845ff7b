using Operator.Testing;
using Operator.Workload;

namespace Operator.Cli.Tests;

/// <summary><c>load run</c> as a real child process against a real 3-member etcd cluster.</summary>
public sealed class LoadEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Json_run_prints_a_start_line_an_interval_per_second_and_a_summary()
    {
        await using var cluster = await EtcdTestCluster.StartAsync();

        var r = await OperatorCli.RunAsync(cluster.StateDir, "load", "run", "--duration", "3s", "--json", "--clients", "4", "--records", "200");

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(string.Empty, r.Stderr);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(LoadJson.Parse).ToList();
        Assert.All(events, e => Assert.NotNull(e));

        var start = Assert.IsType<LoadStarted>(events[0]);
        Assert.Equal("a", start.Workload);
        Assert.Equal(4, start.Clients);
        Assert.Equal(200, start.Records);
        Assert.Equal(cluster.Endpoints.Select(e => e.ClientUrl.ToString().TrimEnd('/')).Order(), start.Endpoints.Order());

        var intervals = events.OfType<LoadInterval>().ToList();
        Assert.True(intervals.Count >= 2, r.Stdout);
        Assert.All(intervals.Take(2), i => Assert.True(i.Ops > 0 && i.Errors == 0 && i.Latency is not null, i.ToString()));

        var summary = Assert.IsType<LoadSummary>(events[^1]);
        Assert.Equal(intervals.Sum(i => i.Ops), summary.Ops);
        Assert.Equal(0, summary.Errors);
        Assert.InRange(summary.DurationSeconds, 2.9, 10);
        Assert.True(summary.Reads > 0 && summary.Updates > 0, summary.ToString());
    }

    [Fact]
    public async Task Run_keeps_going_through_a_killed_leader_and_succeeds_after_the_kill()
    {
        await using var cluster = await EtcdTestCluster.StartAsync();
        var dir = cluster.StateDir;
        await using var load = OperatorDaemon.Start(dir, "load", "run", "--duration", "0", "--json", "--clients", "6", "--records", "100");
        await Eventually.WaitUntilAsync(() => Intervals(load).Any(i => i.Ops > 0), Deadline, "a first interval with successful operations");

        var kill = await OperatorCli.RunAsync(dir, "chaos", "kill", "leader");
        Assert.True(kill.ExitCode == 0, kill.ToString());
        var seenAtKill = Intervals(load).Count;

        // An interval that began after the kill (not the one it happened in) with successful operations: the clients
        // on the killed member failed over, and the others waited out the election.
        await Eventually.WaitUntilAsync(
            () => Intervals(load).Skip(seenAtKill + 1).Any(i => i.Ops > 0 && i.Errors == 0),
            Deadline,
            "an interval after the kill with successful operations and no errors");
        Assert.False(load.HasExited, load.Stderr);
        Assert.Contains(Intervals(load).Skip(seenAtKill - 1), i => i.Errors > 0 && i.LastError is not null);

        Assert.Equal(0, await load.StopAsync());
        var summary = Assert.IsType<LoadSummary>(LoadJson.Parse(load.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]));
        Assert.True(summary.Ops > 0 && summary.Errors > 0, summary.ToString());
        Assert.Equal(string.Empty, load.Stderr);
    }

    [Fact]
    public async Task Unusable_targets_and_flags_are_one_line_errors()
    {
        using var dir = new TempStateDir();
        AssertOneLineError(await OperatorCli.RunAsync(dir.Path, "load", "run"), "no cluster in");
        AssertOneLineError(
            await OperatorCli.RunAsync(dir.Path, "load", "run", "--endpoints", "http://127.0.0.1:1"),
            "no endpoint could be reached (get /operator-load/user000000 from http://127.0.0.1:1: connection refused); is the cluster running?");
        AssertOneLineError(await OperatorCli.RunAsync(dir.Path, "load", "run", "--clients", "0"), "--clients: 0 is out of range");
        AssertOneLineError(await OperatorCli.RunAsync(dir.Path, "load", "run", "--workload", "d"), "--workload: 'd' is not a workload; use a, b or c");
        AssertOneLineError(await OperatorCli.RunAsync(dir.Path, "load", "run", "--duration", "soon"), "--duration: 'soon' is not a non-negative duration");
        AssertOneLineError(await OperatorCli.RunAsync(dir.Path, "load", "run", "--target-rate", "-5"), "--target-rate: -5 is not a positive number");
    }

    private static List<LoadInterval> Intervals(OperatorDaemon load) =>
        [.. load.Stdout.Split('\n').Select(LoadJson.Parse).OfType<LoadInterval>()];

    private static void AssertOneLineError(CliResult r, string expected)
    {
        Assert.True(r.ExitCode != 0, r.ToString());
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, r.ToString());
        Assert.Contains(expected, lines[0]);
        Assert.DoesNotContain("   at ", r.Stderr);
    }
}
