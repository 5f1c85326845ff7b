using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary>Bad input gets one line on stderr that names the problem and what to do, and a non-zero exit.</summary>
public sealed class CliErrorTests
{
    private static void AssertOneLineError(CliResult r, string expected) => CliAssert.OneLineError(r, expected);

    [Fact]
    public async Task Commands_without_a_cluster_say_how_to_start_one()
    {
        using var dir = new TempStateDir();
        AssertOneLineError(await OperatorCli.RunAsync(dir.Path, "cluster", "status"), "start one with `operator cluster up`");
        AssertOneLineError(await OperatorCli.RunAsync(dir.Path, "chaos", "kill", "n1"), "operator cluster up");
        AssertOneLineError(await OperatorCli.RunAsync(dir.Path, "monitor", "run", "--once"), "operator cluster up");
    }

    [Fact]
    public async Task Ticket_commands_on_an_empty_state_dir()
    {
        using var dir = new TempStateDir();
        var list = await OperatorCli.RunAsync(dir.Path, "tickets", "list", "--json");
        Assert.Equal(0, list.ExitCode);
        Assert.Equal("[]", list.Stdout.Trim());
        Assert.False(File.Exists(Path.Combine(dir.Path, "operator.db")), "listing must not create a database");
        AssertOneLineError(await OperatorCli.RunAsync(dir.Path, "tickets", "show", "3"), "no ticket database");
    }

    [Fact]
    public async Task Corrupt_database_is_refused_and_left_untouched()
    {
        using var dir = new TempStateDir();
        var db = Path.Combine(dir.Path, "operator.db");
        var garbage = Enumerable.Range(0, 8192).Select(i => (byte)((i * 7919) % 251)).ToArray();
        await File.WriteAllBytesAsync(db, garbage);
        AssertOneLineError(await OperatorCli.RunAsync(dir.Path, "tickets", "list"), db);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(db));
    }

    [Theory]
    [InlineData("--interval", "fast")]
    [InlineData("--interval", "-1")]
    public async Task Bad_interval_is_rejected_before_anything_runs(string flag, string value)
    {
        using var dir = new TempStateDir();
        var r = await OperatorCli.RunAsync(dir.Path, "monitor", "run", flag, value);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("not a positive duration", r.Stderr);
    }

    [Fact]
    public async Task Unknown_status_filter_lists_the_choices()
    {
        using var dir = new TempStateDir();
        var r = await OperatorCli.RunAsync(dir.Path, "tickets", "list", "--status", "closed");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("open|diagnosed|resolved", r.Stderr);
    }

    [Fact]
    public async Task Unwritable_state_dir_is_named()
    {
        var r = await OperatorCli.RunAsync("/proc/operator-test", "cluster", "up");
        AssertOneLineError(r, "state dir /proc/operator-test is not writable");
    }

    [Fact]
    public async Task Chaos_on_a_running_cluster_rejects_unknown_and_already_down_nodes()
    {
        await using var cluster = await EtcdTestCluster.StartAsync();
        var dir = cluster.StateDir;
        AssertOneLineError(await OperatorCli.RunAsync(dir, "chaos", "kill", "n7"), "no node named n7");
        AssertOneLineError(await OperatorCli.RunAsync(dir, "cluster", "up"), "already running");

        var kill = await OperatorCli.RunAsync(dir, "chaos", "kill", "n2");
        Assert.Equal(0, kill.ExitCode);
        AssertOneLineError(await OperatorCli.RunAsync(dir, "chaos", "kill", "n2"), "n2 is already down");

        var status = await OperatorCli.RunAsync(dir, "cluster", "status", "--json");
        Assert.Equal(0, status.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(status.Stdout);
        var n2 = doc.RootElement.GetProperty("nodes").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "n2");
        Assert.Equal("down", n2.GetProperty("state").GetString());
        Assert.False(n2.GetProperty("leader").GetBoolean());
        Assert.True(n2.TryGetProperty("pid", out _));
        Assert.StartsWith("http://127.0.0.1:", n2.GetProperty("clientUrl").GetString());
    }
}
