using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Operator.Etcd.Local;

/// <summary>
/// Picks loopback TCP ports nobody listens on. Candidates come from below the kernel's ephemeral range, so
/// outgoing connections (which take ephemeral local ports) cannot occupy a member's port while it is down.
/// </summary>
internal sealed class LoopbackPorts
{
    private const int LowestCandidate = 20000;

    private readonly Random _random;

    public LoopbackPorts(Random random)
    {
        _random = random;
    }

    /// <summary><paramref name="count"/> distinct ports that were free a moment ago (checked by binding each).</summary>
    public IReadOnlyList<int> Reserve(int count)
    {
        var (ephemeralLow, _) = EphemeralRange();
        var held = new List<Socket>();
        var ports = new List<int>();
        try
        {
            var attempts = 0;
            while (ports.Count < count)
            {
                if (++attempts > count * 50)
                {
                    throw new InvalidOperationException($"found only {ports.Count} of {count} free loopback ports");
                }

                // Fall back to kernel-chosen ports when the ephemeral range leaves no room below it.
                var candidate = ephemeralLow - LowestCandidate > 1000 ? _random.Next(LowestCandidate, ephemeralLow) : 0;
                if (candidate != 0 && ports.Contains(candidate))
                {
                    continue;
                }

                var socket = TryHold(candidate);
                if (socket is not null)
                {
                    held.Add(socket);
                    ports.Add(((IPEndPoint)socket.LocalEndPoint!).Port);
                }
            }

            return ports;
        }
        finally
        {
            foreach (var socket in held)
            {
                socket.Dispose();
            }
        }
    }

    /// <summary>True when a listener could bind 127.0.0.1:<paramref name="port"/> now.</summary>
    public static bool IsFree(int port)
    {
        using var socket = TryHold(port);
        return socket is not null;
    }

    private static Socket? TryHold(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            // Like etcd's own listener: TIME_WAIT leftovers of a killed member do not count as "in use",
            // a live listener (on 127.0.0.1 or a wildcard address) does.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(1);
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    private static (int Low, int High) EphemeralRange()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (32768, 60999);
        }
    }
}
