using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Operator.Etcd.Tests.Observing;

/// <summary>
/// A raw TCP server on 127.0.0.1 that plays a misbehaving etcd: for each accepted connection it reads one
/// request head (and body) and hands the socket to a script, which may answer, hang, or close.
/// </summary>
internal sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _connections;

    private FakeHttpServer(TcpListener listener, Func<int, NetworkStream, CancellationToken, Task>? script)
    {
        _listener = listener;
        _loop = script is null ? Task.CompletedTask : AcceptLoopAsync(script);
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Answers every connection with the script (given the 1-based connection number).</summary>
    public static FakeHttpServer Start(Func<int, NetworkStream, CancellationToken, Task> script) => Start(script, accept: true);

    /// <summary>Listens but never accepts: the kernel completes the TCP handshake and nothing ever answers.</summary>
    public static FakeHttpServer Silent() => Start(null, accept: false);

    /// <summary>Answers every request with the same raw HTTP response, then closes.</summary>
    public static FakeHttpServer Answering(int status, string contentType, string body) =>
        Start(async (_, stream, ct) => await WriteAsync(stream, Response(status, contentType, body), ct));

    /// <summary>A closed port: connecting is refused.</summary>
    public static Uri RefusingUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    public static string Response(int status, string contentType, string body)
    {
        var bytes = Encoding.UTF8.GetByteCount(body);
        return $"HTTP/1.1 {status} X\r\nContent-Type: {contentType}\r\nContent-Length: {bytes}\r\nConnection: close\r\n\r\n{body}";
    }

    public static async Task WriteAsync(NetworkStream stream, string text, CancellationToken ct)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await stream.FlushAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }

        _stop.Dispose();
    }

    private static FakeHttpServer Start(Func<int, NetworkStream, CancellationToken, Task>? script, bool accept)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(backlog: 16);
        return new FakeHttpServer(listener, accept ? script : null);
    }

    private async Task AcceptLoopAsync(Func<int, NetworkStream, CancellationToken, Task> script)
    {
        var handlers = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                var number = Interlocked.Increment(ref _connections);
                handlers.Add(HandleAsync(socket, number, script));
            }
        }
        finally
        {
            await Task.WhenAll(handlers);
        }
    }

    private async Task HandleAsync(Socket socket, int number, Func<int, NetworkStream, CancellationToken, Task> script)
    {
        using (socket)
        await using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            try
            {
                await ReadRequestAsync(stream, _stop.Token);
                await script(number, stream, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client gave up or the test ended.
            }
        }
    }

    private static async Task ReadRequestAsync(NetworkStream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, ct) == 0)
            {
                return;
            }

            head.Append((char)buffer[0]);
        }

        var lengthLine = head.ToString().Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var remaining = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var body = new byte[Math.Max(remaining, 1)];
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(body.AsMemory(0, remaining), ct);
            if (read == 0)
            {
                return;
            }

            remaining -= read;
        }
    }
}
