using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Operator.Etcd.Local.Network;

namespace Operator.Etcd.Tests.Local.Network;

public sealed class PeerFaultProxyTests
{
    [Fact]
    public async Task Forwards_bytes_both_ways_and_passes_the_peeked_header_through_unchanged()
    {
        await using var bed = new ProxyTestBed();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, bed.PortOf("n1")));

        // Head and body in one write: the proxy reads past the blank line and must forward every byte in order.
        var request = "POST /raft HTTP/1.1\r\nHost: x\r\nX-Server-From: aaa1\r\nContent-Length: 5\r\n\r\nhello";
        Assert.Equal(request, await ProxyTestBed.RoundTripAsync(socket, request));
        var large = new string('z', 100_000);
        Assert.Equal(large, await ProxyTestBed.RoundTripAsync(socket, large));
    }

    [Fact]
    public async Task Forwards_a_connection_that_is_not_http()
    {
        await using var bed = new ProxyTestBed();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, bed.PortOf("n2")));

        Assert.Equal("\u0001binary", await ProxyTestBed.RoundTripAsync(socket, "\u0001binary"));
    }

    [Fact]
    public async Task Delay_holds_each_direction_and_healing_removes_it()
    {
        await using var bed = new ProxyTestBed();
        using var socket = await bed.ConnectAsync("n1");
        var baseline = await TimeRoundTripAsync(socket);

        bed.Apply(NetworkFault.Delayed("n1", TimeSpan.FromMilliseconds(200)));
        var delayed = await TimeRoundTripAsync(socket);
        using var fresh = await bed.ConnectAsync("n1");
        var freshDelayed = await TimeRoundTripAsync(fresh);

        bed.Apply();
        var healed = await TimeRoundTripAsync(socket);

        // 200 ms to the member and 200 ms back; lower bounds only, the machine may be slow.
        Assert.True(delayed >= TimeSpan.FromMilliseconds(380), $"delayed round trip took {delayed.TotalMilliseconds} ms");
        Assert.True(freshDelayed >= TimeSpan.FromMilliseconds(380), $"new connection's round trip took {freshDelayed.TotalMilliseconds} ms");
        Assert.True(healed < delayed / 2, $"healed {healed.TotalMilliseconds} ms vs delayed {delayed.TotalMilliseconds} ms (baseline {baseline.TotalMilliseconds} ms)");
    }

    [Fact]
    public async Task Delay_of_the_sender_slows_its_connections_to_other_members()
    {
        await using var bed = new ProxyTestBed();
        using var fromN1 = await bed.ConnectAsync("n2", fromMemberId: "aaa1");
        using var unknown = await bed.ConnectAsync("n2");

        bed.Apply(NetworkFault.Delayed("n1", TimeSpan.FromMilliseconds(150)));

        Assert.True(await TimeRoundTripAsync(fromN1) >= TimeSpan.FromMilliseconds(280));
        Assert.True(await TimeRoundTripAsync(unknown) < TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public async Task Partition_cuts_existing_connections_and_closes_new_ones_until_healed()
    {
        await using var bed = new ProxyTestBed();
        using var toN1 = await bed.ConnectAsync("n1");
        using var toN2 = await bed.ConnectAsync("n2");

        bed.Apply(NetworkFault.Partition("n1"));

        Assert.True(await ProxyTestBed.IsClosedAsync(toN1));
        Assert.False(await ProxyTestBed.IsClosedAsync(toN2));
        Assert.True(await ProxyTestBed.NewConnectionIsClosedAsync(bed.PortOf("n1")));

        bed.Apply();

        using var after = await bed.ConnectAsync("n1");
        Assert.Equal("ping", await ProxyTestBed.RoundTripAsync(after, "ping"));
    }

    [Fact]
    public async Task Partition_cuts_the_partitioned_members_connections_to_other_members()
    {
        await using var bed = new ProxyTestBed();
        using var fromN1 = await bed.ConnectAsync("n2", fromMemberId: "AAA1");
        using var fromN2 = await bed.ConnectAsync("n2", fromMemberId: "bbb2");
        using var probe = await bed.ConnectAsync("n2");

        bed.Apply(NetworkFault.Partition("n1"));

        Assert.True(await ProxyTestBed.IsClosedAsync(fromN1));
        Assert.False(await ProxyTestBed.IsClosedAsync(fromN2));
        Assert.False(await ProxyTestBed.IsClosedAsync(probe));
        await Assert.ThrowsAnyAsync<Exception>(() => bed.ConnectAsync("n2", fromMemberId: "aaa1"));

        bed.Apply();

        using var again = await bed.ConnectAsync("n2", fromMemberId: "aaa1");
        Assert.Equal("ok", await ProxyTestBed.RoundTripAsync(again, "ok"));
    }

    [Fact]
    public async Task Rules_file_changes_are_applied_and_acknowledged_with_their_generation()
    {
        await using var bed = new ProxyTestBed();
        using var toN1 = await bed.ConnectAsync("n1");

        FaultRulesFile.Write(bed.RulesFile, new FaultRules(7, ProxyTestBed.MemberIds, [NetworkFault.Partition("n1")]));
        bed.Proxy.PollRules();

        Assert.Equal((7L, Environment.ProcessId), FaultRulesFile.ReadApplied(bed.AppliedFile));
        Assert.True(await ProxyTestBed.IsClosedAsync(toN1));
        var read = FaultRulesFile.Read(bed.RulesFile);
        Assert.Equal([NetworkFault.Partition("n1")], read.Faults);
        Assert.Equal("aaa1", read.MemberIds["n1"]);
    }

    [Fact]
    public void Server_from_is_read_from_the_header_block_only()
    {
        var head = "GET /raft/stream/msgapp/1 HTTP/1.1\r\nHost: h\r\nx-server-from:  8E9E05C52164694D \r\n\r\nX-Server-From: 1";
        Assert.Equal("8e9e05c52164694d", HttpHeaderPeek.ServerFrom(Encoding.ASCII.GetBytes(head)));
        Assert.Null(HttpHeaderPeek.ServerFrom("GET /raft/probing HTTP/1.1\r\nHost: h\r\n\r\n"u8));
        Assert.Null(HttpHeaderPeek.ServerFrom("GET / HTTP/1.1\r\n\r\nX-Server-From: 1\r\n"u8));
    }

    private static async Task<TimeSpan> TimeRoundTripAsync(Socket socket)
    {
        var watch = Stopwatch.StartNew();
        Assert.Equal("ping", await ProxyTestBed.RoundTripAsync(socket, "ping"));
        return watch.Elapsed;
    }
}
