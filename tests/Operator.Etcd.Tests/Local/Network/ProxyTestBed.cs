using System.Net;
using System.Net.Sockets;
using System.Text;
using Operator.Etcd.Local;
using Operator.Etcd.Local.Network;
using Operator.Testing;

namespace Operator.Etcd.Tests.Local.Network;

/// <summary>A fault proxy in process for nodes n1 and n2, each in front of an echo server; member ids aaa1 and bbb2.</summary>
internal sealed class ProxyTestBed : IAsyncDisposable
{
    public static readonly Dictionary<string, string> MemberIds = new() { ["n1"] = "aaa1", ["n2"] = "bbb2" };

    private readonly TempStateDir _dir = new();
    private readonly EchoServer _n1 = new();
    private readonly EchoServer _n2 = new();
    private long _generation;

    public ProxyTestBed()
    {
        var ports = new LoopbackPorts(Random.Shared).Reserve(2);
        Routes = [new ProxyRoute("n1", ports[0], _n1.Port), new ProxyRoute("n2", ports[1], _n2.Port)];
        RulesFile = Path.Combine(_dir.Path, "faultproxy.rules.json");
        AppliedFile = Path.Combine(_dir.Path, "faultproxy.applied");
        Proxy = new PeerFaultProxy(Routes, RulesFile, AppliedFile, TimeProvider.System, TextWriter.Null);
        Proxy.Start();
    }

    public IReadOnlyList<ProxyRoute> Routes { get; }

    public string RulesFile { get; }

    public string AppliedFile { get; }

    public PeerFaultProxy Proxy { get; }

    public int PortOf(string node) => Routes.Single(r => r.Node == node).ListenPort;

    public void Apply(params NetworkFault[] faults) => Proxy.Apply(new FaultRules(++_generation, MemberIds, faults));

    /// <summary>A connected client to <paramref name="node"/>'s proxy port that sent one HTTP request head (from <paramref name="fromMemberId"/> when given).</summary>
    public async Task<Socket> ConnectAsync(string node, string? fromMemberId = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, PortOf(node)));
        var head = "GET /raft/stream/message/bbb2 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + (fromMemberId is null ? string.Empty : $"X-Server-From: {fromMemberId}\r\n") + "\r\n";
        await RoundTripAsync(socket, head);
        return socket;
    }

    /// <summary>Sends <paramref name="text"/> and reads the same number of bytes back (the echo).</summary>
    public static async Task<string> RoundTripAsync(Socket socket, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var bytes = Encoding.ASCII.GetBytes(text);
        await socket.SendAsync(bytes, SocketFlags.None, timeout.Token);
        var received = new byte[bytes.Length];
        var total = 0;
        while (total < received.Length)
        {
            var read = await socket.ReceiveAsync(received.AsMemory(total), SocketFlags.None, timeout.Token);
            if (read == 0)
            {
                throw new IOException($"connection closed after {total} of {bytes.Length} bytes");
            }

            total += read;
        }

        return Encoding.ASCII.GetString(received);
    }

    /// <summary>True when the connection was closed or reset by the proxy (waits up to 5 s for it).</summary>
    public static async Task<bool> IsClosedAsync(Socket socket)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            // A cut connection answers a read with end of stream or a reset; a live echo one would wait.
            await socket.SendAsync("x"u8.ToArray(), SocketFlags.None, timeout.Token);
            var read = await socket.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token);
            return read == 0;
        }
        catch (SocketException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>True when a new connection to <paramref name="port"/> is reset during the handshake or closed right after it.</summary>
    public static async Task<bool> NewConnectionIsClosedAsync(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        }
        catch (SocketException)
        {
            return true;
        }

        return await IsClosedAsync(socket);
    }

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        _n1.Dispose();
        _n2.Dispose();
        _dir.Dispose();
    }
}
