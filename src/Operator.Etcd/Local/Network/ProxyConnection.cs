using System.Net;
using System.Net.Sockets;

namespace Operator.Etcd.Local.Network;

/// <summary>
/// One accepted peer connection: learns its sender from the first request's headers, connects on to the member and
/// pumps both directions with the current delay. <see cref="Cut"/> resets both sides, as a failed network would.
/// </summary>
internal sealed class ProxyConnection
{
    private readonly Socket _client;
    private readonly CancellationTokenSource _cancel = new();
    private readonly object _gate = new();
    private Socket? _upstream;
    private long _delayTicks;
    private bool _cut;

    public ProxyConnection(ProxyRoute route, Socket client)
    {
        Route = route;
        _client = client;
    }

    public ProxyRoute Route { get; }

    /// <summary>The sender's member id (hex) once the headers were read; null while unknown or when there was none.</summary>
    public string? SourceMemberId { get; private set; }

    public bool IsCut
    {
        get
        {
            lock (_gate)
            {
                return _cut;
            }
        }
    }

    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    /// <summary>Reads the header block; <paramref name="decide"/> then says whether to forward (and how slowly) or cut.</summary>
    public async Task RunAsync(Func<ProxyConnection, ConnectionVerdict> decide, TimeProvider time, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cancel.Token);
        var token = linked.Token;
        try
        {
            _client.NoDelay = true;
            var peeked = new byte[HttpHeaderPeek.MaxBytes];
            var length = await HttpHeaderPeek.ReadAsync(_client, peeked, token);
            var peekedAt = time.GetTimestamp();
            SourceMemberId = HttpHeaderPeek.ServerFrom(peeked.AsSpan(0, length));

            var verdict = decide(this);
            if (verdict.Cut)
            {
                Cut();
                return;
            }

            Delay = verdict.Delay;
            var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            lock (_gate)
            {
                if (_cut)
                {
                    upstream.Dispose();
                    return;
                }

                _upstream = upstream;
            }

            await upstream.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Route.TargetPort), token);
            var toMember = new DelayedPump(_client, upstream, () => Delay, time).RunAsync(peeked.AsMemory(0, length), peekedAt, token);
            var toPeer = new DelayedPump(upstream, _client, () => Delay, time).RunAsync(ReadOnlyMemory<byte>.Empty, 0, token);

            // A failure in either direction is a broken connection: reset both sides so neither end waits on it.
            var first = await Task.WhenAny(toMember, toPeer);
            if (first.IsFaulted || first.IsCanceled)
            {
                Cut();
            }

            await Task.WhenAll(toMember, toPeer);
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException or System.Threading.Channels.ChannelClosedException)
        {
            Cut();
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Resets both sides (linger 0: the peers see a reset, not an orderly close) and stops the pumps.</summary>
    public void Cut()
    {
        Socket? upstream;
        lock (_gate)
        {
            if (_cut)
            {
                return;
            }

            _cut = true;
            upstream = _upstream;
        }

        Reset(_client);
        if (upstream is not null)
        {
            Reset(upstream);
        }

        _cancel.Cancel();
    }

    private void Close()
    {
        _client.Dispose();
        lock (_gate)
        {
            _upstream?.Dispose();
        }
    }

    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing left to reset.
        }

        socket.Dispose();
    }
}
