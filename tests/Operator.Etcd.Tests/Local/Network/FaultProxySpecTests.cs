using Operator.Core;
using Operator.Etcd.Local;
using Operator.Etcd.Local.Network;
using Operator.Testing;

namespace Operator.Etcd.Tests.Local.Network;

public sealed class FaultProxySpecTests
{
    [Fact]
    public async Task Cluster_json_written_before_the_proxy_loads_without_proxy_or_quota()
    {
        using var dir = new TempStateDir();
        var json = """
            {"formatVersion":1,"etcdBinary":"/usr/bin/etcd","token":"operator-x","createdAt":"2025-01-01T00:00:00.000Z",
             "nodes":[{"name":"n1","clientPort":20001,"peerPort":20002,"metricsPort":20003,"dataDir":"/d","logFile":"/l","stderrFile":"/e","pidFile":"/p","arguments":["--name","n1"]}]}
            """;
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "cluster.json"), json);
        var cluster = new LocalEtcdCluster(dir.Path);

        var spec = cluster.Spec();

        Assert.False(cluster.HasFaultProxy);
        Assert.Null(spec.QuotaBackendBytes);
        Assert.Null(spec.Nodes[0].PeerProxyPort);
        Assert.Equal(new Uri("http://127.0.0.1:20002"), spec.Nodes[0].AdvertisedPeerUrl);
        var error = await Assert.ThrowsAsync<OperatorException>(() => cluster.ApplyNetworkFaultsAsync([NetworkFault.Partition("n1")]));
        Assert.Equal(
            $"the cluster in {dir.Path} has no fault proxy, so network faults cannot be injected; recreate it with `operator cluster down --purge` and `operator cluster up`",
            error.Message);
    }

    [Fact]
    public void Plan_with_a_proxy_advertises_the_proxy_ports_and_listens_on_the_peer_ports()
    {
        using var dir = new TempStateDir();
        var spec = LocalClusterPlan.Create(new StateDirLayout(dir.Path), "/usr/bin/etcd", [1, 2, 3, 4, 5, 6, 7, 8], DateTimeOffset.UnixEpoch, faultProxy: true, quotaBackendBytes: 4096);

        Assert.True(spec.HasFaultProxy);
        Assert.Equal([4, 8], spec.Nodes.Select(n => n.PeerProxyPort!.Value));
        var args = spec.Nodes[1].Arguments.ToList();
        Assert.Equal("http://127.0.0.1:6", args[args.IndexOf("--listen-peer-urls") + 1]);
        Assert.Equal("http://127.0.0.1:8", args[args.IndexOf("--initial-advertise-peer-urls") + 1]);
        Assert.Equal("n1=http://127.0.0.1:4,n2=http://127.0.0.1:8", args[args.IndexOf("--initial-cluster") + 1]);
        Assert.Equal("4096", args[args.IndexOf("--quota-backend-bytes") + 1]);
    }

    [Fact]
    public async Task A_proxy_cluster_cannot_start_without_a_proxy_command()
    {
        using var dir = new TempStateDir();
        var layout = new StateDirLayout(dir.Path);
        var spec = LocalClusterPlan.Create(layout, "/usr/bin/etcd", new LoopbackPorts(Random.Shared).Reserve(4), DateTimeOffset.UnixEpoch, faultProxy: true);
        ClusterSpecStore.Write(layout, spec);

        var error = await Assert.ThrowsAsync<OperatorException>(() => new LocalEtcdCluster(dir.Path).UpAsync());

        Assert.Contains("has a fault proxy in front of its peer ports, and this process has no command to start it", error.Message, StringComparison.Ordinal);
    }
}
