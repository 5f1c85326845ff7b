using System.Net;
using System.Net.Sockets;
using Operator.FakeTikv;

namespace Operator.TiKV.Tests.Fake;

/// <summary>The fake can sit where the compose deployment publishes (fixed ports, stores advertising tikvN:20160).</summary>
public sealed class FakeFixedPortsTests
{
    [Fact]
    public async Task Pd_status_and_prometheus_listen_on_the_ports_given_and_stores_advertise_the_addresses_given()
    {
        var ports = FreePorts(7);
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions
        {
            PdPorts = ports[..3],
            StatusPorts = ports[3..6],
            PrometheusPort = ports[6],
            StoreAddresses = ["tikv0:20160", "tikv1:20160", "tikv2:20160"],
        });
        using var http = new FakeHttp();

        Assert.Equal(ports[..3].Select(p => $"http://127.0.0.1:{p}"), cluster.PdUrls);
        Assert.Equal(ports[3..6].Select(p => $"127.0.0.1:{p}"), cluster.Stores.Select(s => s.StatusAddress));
        Assert.Equal($"http://127.0.0.1:{ports[6]}", cluster.Prometheus.Url);
        var stores = await http.GetJsonAsync(cluster.PdUrls[0] + "/pd/api/v1/stores");
        Assert.Equal(
            ["tikv0:20160", "tikv1:20160", "tikv2:20160"],
            stores.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("store").GetProperty("address").GetString()));

        cluster.Store(4).Kill();
        cluster.Store(4).Restart();
        Assert.Equal(200, (await http.GetAsync($"http://127.0.0.1:{ports[4]}/status")).Status);
    }

    [Fact]
    public void A_port_list_of_the_wrong_length_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => FakeTikvCluster.Start(new FakeTikvOptions { PdPorts = [1, 2] }));
        Assert.Contains("PdPorts lists 2 values for 3 nodes", e.Message, StringComparison.Ordinal);
    }

    private static int[] FreePorts(int count)
    {
        var sockets = Enumerable.Range(0, count).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)).ToList();
        try
        {
            foreach (var s in sockets)
            {
                s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            }

            return sockets.Select(s => ((IPEndPoint)s.LocalEndPoint!).Port).ToArray();
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }
}
