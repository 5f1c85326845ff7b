using System.Text.Json;
using Operator.Core;
using Operator.Core.Observing;
using Operator.Core.Processes;
using Operator.Etcd.Local;
using Operator.Testing;

namespace Operator.Etcd.Tests.Local;

[Collection(LocalEtcdCollection.Name)]
public sealed class RunningClusterTests : IClassFixture<SharedClusterFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private readonly SharedClusterFixture _fixture;

    public RunningClusterTests(SharedClusterFixture fixture)
    {
        _fixture = fixture;
    }

    private EtcdTestCluster Etcd => _fixture.Cluster;

    private LocalEtcdCluster Cluster => _fixture.Cluster.Cluster;

    public Task InitializeAsync() => _fixture.EnsureAllUpAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Up_starts_three_healthy_members_on_distinct_ports_with_etcd_pid_files()
    {
        var nodes = Etcd.Nodes;

        Assert.Equal(["n1", "n2", "n3"], nodes.Select(n => n.Name));
        var ports = nodes.SelectMany(n => new[] { n.ClientUrl.Port, n.PeerUrl.Port, n.MetricsUrl.Port }).ToList();
        Assert.Equal(9, ports.Distinct().Count());
        foreach (var node in nodes)
        {
            Assert.Equal(ProcessState.Running, node.State);
            var pidText = await File.ReadAllTextAsync(Path.Combine(Etcd.StateDir, "nodes", node.Name, "etcd.pid"));
            var pid = int.Parse(pidText.Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(node.Pid, pid);
            Assert.Equal("etcd", (await File.ReadAllTextAsync($"/proc/{pid}/comm")).Trim());
            Assert.Equal(ProcessState.Running, ProcessInspector.Inspect(pid, "etcd"));
            Assert.True(await Gateway.HealthyAsync(node.ClientUrl), $"{node.Name} /health");
        }
    }

    [Fact]
    public async Task Cluster_json_records_the_exact_arguments_and_members_log_zap_json()
    {
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Etcd.StateDir, "cluster.json")));
        var root = doc.RootElement;
        Assert.Equal("/usr/bin/etcd", root.GetProperty("etcdBinary").GetString());
        var token = root.GetProperty("token").GetString();
        Assert.StartsWith("operator-", token, StringComparison.Ordinal);

        var n1 = root.GetProperty("nodes")[0];
        var arguments = n1.GetProperty("arguments").EnumerateArray().Select(a => a.GetString()!).ToList();
        var pid = Etcd.Nodes[0].Pid!.Value;
        Assert.Equal(arguments, ProcessInspector.CommandLine(pid)!.Skip(1));
        Assert.Equal("extensive", ArgumentAfter(arguments, "--metrics"));
        Assert.Equal(token, ArgumentAfter(arguments, "--initial-cluster-token"));
        Assert.Equal(n1.GetProperty("logFile").GetString(), ArgumentAfter(arguments, "--log-outputs"));
        Assert.Equal(Path.Combine(Etcd.StateDir, "nodes", "n1", "data"), ArgumentAfter(arguments, "--data-dir"));

        var firstLogLine = File.ReadLines(Etcd.Nodes[0].LogFile).First();
        using var logLine = JsonDocument.Parse(firstLogLine);
        Assert.True(logLine.RootElement.TryGetProperty("level", out _), firstLogLine);
        Assert.True(File.Exists(Etcd.Nodes[0].StderrFile));
    }

    [Fact]
    public async Task Second_up_on_a_running_cluster_is_refused_naming_every_pid()
    {
        var nodes = Etcd.Nodes;

        var error = await Assert.ThrowsAsync<OperatorException>(() => Cluster.UpAsync());

        var pids = string.Join(", ", nodes.Select(n => $"{n.Name} pid {n.Pid}"));
        Assert.Equal(
            $"cluster in {Etcd.StateDir} is already running ({pids}); use `operator cluster status` or `operator cluster down`",
            error.Message);
        Assert.Equal(nodes.Select(n => n.Pid), Etcd.Nodes.Select(n => n.Pid));
    }

    [Fact]
    public async Task Killed_follower_is_gone_and_restart_brings_it_back_with_its_data()
    {
        var follower = await AnyFollowerAsync();
        var other = Etcd.Nodes.First(n => n.Name != follower.Name);
        await Gateway.PutAsync(other.ClientUrl, "kill-restart", "before");
        await Eventually.WaitUntilAsync(
            async () => await Gateway.GetAsync(follower.ClientUrl, "kill-restart", serializable: true) == "before",
            Deadline,
            $"{follower.Name} has applied the write");

        var before = DateTimeOffset.UtcNow;
        var kill = await Cluster.KillAsync(follower.Name);

        Assert.Equal(follower.Pid, kill.Pid);
        Assert.Equal(Signals.SigKill, kill.Signal);
        Assert.InRange(kill.At, before, DateTimeOffset.UtcNow);
        Assert.NotEqual(ProcessState.Running, ProcessInspector.Inspect(kill.Pid, "etcd"));
        Assert.Equal(ProcessState.Gone, Cluster.Node(follower.Name).State);

        var again = await Assert.ThrowsAsync<OperatorException>(() => Cluster.KillAsync(follower.Name));
        Assert.Equal(
            $"{follower.Name} is already down (pid {kill.Pid} is not running); start it with `operator chaos restart {follower.Name}`",
            again.Message);

        var restart = await Cluster.RestartAsync(follower.Name);

        Assert.NotEqual(kill.Pid, restart.Pid);
        Assert.Equal(restart.Pid, Cluster.Node(follower.Name).Pid);
        Assert.Equal(ProcessState.Running, Cluster.Node(follower.Name).State);
        await Eventually.WaitUntilAsync(() => Gateway.HealthyAsync(follower.ClientUrl), Deadline, $"{follower.Name} is healthy again");
        Assert.Equal("before", await Gateway.GetAsync(follower.ClientUrl, "kill-restart", serializable: true));
    }

    [Fact]
    public async Task Kill_of_an_unknown_node_lists_the_nodes()
    {
        var error = await Assert.ThrowsAsync<OperatorException>(() => Cluster.KillAsync("n7"));

        Assert.Equal($"no node named n7 in {Etcd.StateDir}; nodes are n1, n2, n3", error.Message);
    }

    [Fact]
    public async Task Restart_of_a_running_node_is_refused()
    {
        var n2 = Cluster.Node("n2");

        var error = await Assert.ThrowsAsync<OperatorException>(() => Cluster.RestartAsync("n2"));

        Assert.Equal($"n2 is already running (pid {n2.Pid}); kill it first with `operator chaos kill n2`", error.Message);
        Assert.Equal(n2.Pid, Cluster.Node("n2").Pid);
    }

    [Fact]
    public async Task Up_with_one_node_down_starts_only_that_node()
    {
        var before = Etcd.Nodes;
        var victim = before[2];
        await Cluster.KillAsync(victim.Name);

        var after = await Cluster.UpAsync();

        Assert.Equal(before.Take(2).Select(n => n.Pid), after.Take(2).Select(n => n.Pid));
        Assert.NotEqual(victim.Pid, after[2].Pid);
        Assert.All(after, n => Assert.Equal(ProcessState.Running, n.State));
        Assert.Equal(victim.ClientUrl, after[2].ClientUrl);
    }

    [Fact]
    public async Task Paused_node_is_stopped_until_resumed()
    {
        var pause = await Cluster.PauseAsync("n1");

        Assert.Equal(ProcessState.Stopped, Cluster.Node("n1").State);
        var error = await Assert.ThrowsAsync<OperatorException>(() => Cluster.RestartAsync("n1"));
        Assert.Contains("paused", error.Message, StringComparison.Ordinal);

        var resume = await Cluster.ResumeAsync("n1");

        Assert.Equal(pause.Pid, resume.Pid);
        Assert.Equal(ProcessState.Running, Cluster.Node("n1").State);
    }

    [Fact]
    public async Task Endpoint_source_gives_client_and_metrics_urls_and_current_pids()
    {
        var endpoints = Etcd.EndpointSource.Current();

        Assert.Equal(Etcd.Nodes.Select(n => (n.Name, n.ClientUrl, n.MetricsUrl, n.Pid)), endpoints.Select(e => (e.Name, e.ClientUrl, e.MetricsUrl, e.Pid)));
        Assert.All(endpoints, e => Assert.Equal("127.0.0.1", e.MetricsUrl.Host));

        // --metrics extensive: request latency histograms exist once a gRPC call was served.
        await Gateway.PutAsync(endpoints[0].ClientUrl, "metrics", "x");
        var metrics = await Gateway.MetricsAsync(endpoints[0].MetricsUrl);
        Assert.Contains("grpc_server_handling_seconds_bucket", metrics, StringComparison.Ordinal);

        var killed = await Cluster.KillAsync("n3");
        var restarted = await Cluster.RestartAsync("n3");
        var n3 = Etcd.EndpointSource.Current().Single(e => e.Name == "n3");
        Assert.Equal(restarted.Pid, n3.Pid);
        Assert.NotEqual(killed.Pid, n3.Pid);
    }

    [Fact]
    public async Task Up_that_cannot_get_a_leader_times_out_naming_the_node_and_its_logs()
    {
        await Cluster.KillAsync("n1");
        await Cluster.PauseAsync("n2");
        await Cluster.PauseAsync("n3");
        var impatient = new LocalEtcdCluster(Etcd.StateDir, options: new LocalEtcdClusterOptions { StartTimeout = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<OperatorException>(() => impatient.UpAsync());

        var n1 = Cluster.Node("n1");
        Assert.StartsWith("etcd n1 did not become healthy within 1 s (get status from http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.EndsWith($"); see {n1.StderrFile} and {n1.LogFile}", error.Message, StringComparison.Ordinal);
        Assert.Equal(ProcessState.Running, n1.State);
    }

    private async Task<LocalNode> AnyFollowerAsync()
    {
        LocalNode? follower = null;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                foreach (var node in Etcd.Nodes)
                {
                    if (await Gateway.IsLeaderAsync(node.ClientUrl))
                    {
                        follower = Etcd.Nodes.First(n => n.Name != node.Name);
                        return true;
                    }
                }

                return false;
            },
            Deadline,
            "a member reports being leader");
        return follower!;
    }

    private static string ArgumentAfter(List<string> arguments, string flag) => arguments[arguments.IndexOf(flag) + 1];
}
