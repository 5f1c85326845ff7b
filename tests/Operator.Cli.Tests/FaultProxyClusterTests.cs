using System.Diagnostics;
using System.Text.Json;
using Operator.Core;
using Operator.Core.Observing;
using Operator.Core.Processes;
using Operator.Etcd.Client;
using Operator.Etcd.Local;
using Operator.Etcd.Local.Network;
using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary>Real 3-member clusters behind the peer fault proxy that <c>operator fault-proxy run</c> hosts.</summary>
public sealed class FaultProxyClusterTests
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    private static IReadOnlyList<string> ProxyCommand => ["dotnet", OperatorCli.Dll, "fault-proxy", "run"];

    [Fact]
    public async Task Partition_of_a_follower_leaves_it_without_leader_while_the_others_write_and_healing_restores_the_cluster()
    {
        await using var etcd = await EtcdTestCluster.StartWithFaultProxyAsync(3, ProxyCommand);
        using var client = new EtcdClient();
        var cluster = etcd.Cluster;
        Assert.True(cluster.HasFaultProxy);
        Assert.NotNull(cluster.FaultProxyPid());

        var statuses = await StatusesAsync(client, etcd.Nodes);
        var leaderId = statuses.Values.First().Leader;
        var leader = etcd.Nodes.Single(n => statuses[n.Name].Header.MemberId == leaderId);
        var follower = etcd.Nodes.First(n => n.Name != leader.Name);
        var other = etcd.Nodes.Single(n => n.Name != leader.Name && n.Name != follower.Name);
        var termBefore = statuses[follower.Name].RaftTerm;
        Assert.True((await client.PutAsync(follower.ClientUrl, "through-proxy", "yes", RequestTimeout, default)).Ok);

        await cluster.ApplyNetworkFaultsAsync([NetworkFault.Partition(follower.Name)]);

        Assert.Equal([NetworkFault.Partition(follower.Name)], cluster.NetworkFaults());
        await Eventually.WaitUntilAsync(
            async () => await client.StatusAsync(follower.ClientUrl, RequestTimeout, default) is { Ok: true } s && (s.Value.Leader == 0 || s.Value.RaftTerm > termBefore),
            TimeSpan.FromSeconds(15),
            $"partitioned {follower.Name} loses its leader");
        await Eventually.WaitUntilAsync(
            async () => (await client.PutAsync(leader.ClientUrl, "during-partition", "yes", RequestTimeout, default)).Ok,
            TimeSpan.FromSeconds(10),
            "the majority accepts writes");
        var otherStatus = await client.StatusAsync(other.ClientUrl, RequestTimeout, default);
        Assert.True(otherStatus.Ok && otherStatus.Value.Leader != 0, $"{other.Name} keeps a leader: {otherStatus}");

        await cluster.ApplyNetworkFaultsAsync([]);

        Assert.Empty(cluster.NetworkFaults());
        await Eventually.WaitUntilAsync(
            async () =>
            {
                var all = await StatusesAsync(client, etcd.Nodes);
                return all.Values.All(s => s.Leader != 0 && s.Leader == all.Values.First().Leader)
                    && (await client.PutAsync(follower.ClientUrl, "after-heal", "yes", RequestTimeout, default)).Ok;
            },
            TimeSpan.FromSeconds(20),
            "all three agree on a leader again and accept writes");
    }

    [Fact]
    public async Task Delay_slows_requests_through_the_nodes_proxy_port_until_healed()
    {
        await using var etcd = await EtcdTestCluster.StartWithFaultProxyAsync(3, ProxyCommand);
        var node = etcd.Cluster.Spec().Nodes[0];
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.Zero });
        var probing = new Uri(node.AdvertisedPeerUrl, "/raft/probing");

        await etcd.Cluster.ApplyNetworkFaultsAsync([NetworkFault.Delayed(node.Name, TimeSpan.FromMilliseconds(200))]);
        var delayed = await TimeAsync(() => http.GetAsync(probing));
        await etcd.Cluster.ApplyNetworkFaultsAsync([]);
        var healed = await TimeAsync(() => http.GetAsync(probing));

        // A new connection: the request waits 200 ms on its way in and the answer 200 ms on its way out.
        Assert.True(delayed >= TimeSpan.FromMilliseconds(380), $"delayed probe took {delayed.TotalMilliseconds} ms");
        Assert.True(healed < delayed / 2, $"healed probe took {healed.TotalMilliseconds} ms, delayed {delayed.TotalMilliseconds} ms");
        using var client = new EtcdClient();
        await Eventually.WaitUntilAsync(
            async () => await client.StatusAsync(node.ClientUrl, RequestTimeout, default) is { Ok: true } s && s.Value.Leader != 0,
            TimeSpan.FromSeconds(10),
            "the cluster still has a leader");
    }

    [Fact]
    public async Task Proxy_is_restarted_with_the_cluster_and_stopped_or_killed_with_it()
    {
        await using var etcd = await EtcdTestCluster.StartWithFaultProxyAsync(3, ProxyCommand);
        var cluster = etcd.Cluster;
        var first = cluster.FaultProxyPid()!.Value;

        Signals.Send(first, Signals.SigKill);
        await WaitGoneAsync(first);
        Assert.Null(cluster.FaultProxyPid());
        var notRunning = await Assert.ThrowsAsync<OperatorException>(() => cluster.ApplyNetworkFaultsAsync([NetworkFault.Partition("n1")]));
        Assert.Contains("fault proxy", notRunning.Message, StringComparison.Ordinal);
        Assert.Contains("is not running", notRunning.Message, StringComparison.Ordinal);

        await cluster.UpAsync(); // members all up, proxy down: starts only the proxy
        var second = cluster.FaultProxyPid();
        Assert.NotNull(second);
        Assert.NotEqual(first, second);

        await cluster.KillAsync("n3");
        Signals.Send(second!.Value, Signals.SigKill);
        await WaitGoneAsync(second.Value);
        await cluster.RestartAsync("n3");
        var third = cluster.FaultProxyPid();
        Assert.NotNull(third);

        await cluster.DownAsync();
        await WaitGoneAsync(third!.Value);
        Assert.Null(cluster.FaultProxyPid());

        await cluster.UpAsync();
        var fourth = cluster.FaultProxyPid()!.Value;
        await cluster.KillAllAsync();
        Assert.Equal(ProcessState.Gone, ProcessInspector.Inspect(fourth));

        await cluster.DownAsync(purge: true);
        Assert.Empty(Directory.EnumerateFiles(etcd.StateDir, "faultproxy*"));
    }

    [Fact]
    public async Task Cluster_up_records_the_quota_and_status_shows_it_with_the_proxy()
    {
        using var dir = new TempStateDir();
        try
        {
            var up = await OperatorCli.RunAsync(dir.Path, "cluster", "up", "--nodes", "1", "--quota-backend-bytes", "16MiB");
            Assert.True(up.ExitCode == 0, up.ToString());

            using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir.Path, "cluster.json")));
            Assert.Equal(16L * 1024 * 1024, doc.RootElement.GetProperty("quotaBackendBytes").GetInt64());
            var node = new LocalEtcdCluster(dir.Path).Nodes().Single();
            var cmdline = ProcessInspector.CommandLine(node.Pid!.Value)!;
            var flag = cmdline.ToList().IndexOf("--quota-backend-bytes");
            Assert.Equal("16777216", cmdline[flag + 1]);

            var status = await OperatorCli.RunAsync(dir.Path, "cluster", "status");
            Assert.Contains("backend quota 16MiB (16777216 bytes)", status.Stdout, StringComparison.Ordinal);
            Assert.Contains("fault proxy running (pid ", status.Stdout, StringComparison.Ordinal);

            var bad = await OperatorCli.RunAsync(dir.Path, "cluster", "up", "--quota-backend-bytes", "lots");
            Assert.NotEqual(0, bad.ExitCode);
            Assert.Contains("--quota-backend-bytes: 'lots' is not a size", bad.Stderr, StringComparison.Ordinal);

            var down = await OperatorCli.RunAsync(dir.Path, "cluster", "down", "--purge");
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Contains("fault proxy stopped (pid ", down.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            await StateDirProcesses.KillAllAsync(dir.Path);
        }
    }

    private static async Task<Dictionary<string, EtcdStatus>> StatusesAsync(EtcdClient client, IReadOnlyList<LocalNode> nodes)
    {
        var result = new Dictionary<string, EtcdStatus>();
        foreach (var node in nodes)
        {
            var status = await client.StatusAsync(node.ClientUrl, RequestTimeout, default);
            result[node.Name] = status.Ok ? status.Value : throw new InvalidOperationException(status.Failure.Message);
        }

        return result;
    }

    private static Task WaitGoneAsync(int pid) =>
        Eventually.WaitUntilAsync(() => Task.FromResult(ProcessInspector.Inspect(pid) == ProcessState.Gone), TimeSpan.FromSeconds(10), $"pid {pid} is gone");

    private static async Task<TimeSpan> TimeAsync(Func<Task<HttpResponseMessage>> request)
    {
        var watch = Stopwatch.StartNew();
        using var response = await request();
        response.EnsureSuccessStatusCode();
        return watch.Elapsed;
    }
}
