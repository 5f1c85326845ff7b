using System.Net;
using System.Net.Sockets;
using Operator.Etcd.Local;

namespace Operator.Etcd.Tests.Local;

public sealed class LoopbackPortsTests
{
    [Fact]
    public void Reserve_returns_distinct_free_ports_below_the_ephemeral_range()
    {
        var low = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);

        var ports = new LoopbackPorts(new Random(7)).Reserve(30);

        Assert.Equal(30, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 20000, low - 1));
        Assert.All(ports, p => Assert.True(LoopbackPorts.IsFree(p)));
    }

    [Fact]
    public void A_port_with_a_listener_is_not_free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.False(LoopbackPorts.IsFree(port));
    }
}
