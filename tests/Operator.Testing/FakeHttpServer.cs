using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Operator.Testing;

/// <summary>
/// A raw TCP server on 127.0.0.1 that plays a misbehaving service: for each accepted connection it reads one
/// request head (and body) and hands the socket to a script, which may answer, hang, or close.
/// </summary>
public sealed class FakeHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly Task _loop;
    private int _connections;
    private int _disposed;

    private FakeHttpServer(TcpListener listener, Func<int, string, NetworkStream, CancellationToken, Task>? script)
    {
        _listener = listener;
        _loop = script is null ? Task.CompletedTask : AcceptLoopAsync(script);
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Request targets (path and query) received so far, in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Answers every connection with the script (given the 1-based connection number).</summary>
    public static FakeHttpServer Start(Func<int, NetworkStream, CancellationToken, Task> script)
    {
        ArgumentNullException.ThrowIfNull(script);
        return Start((number, _, stream, ct) => script(number, stream, ct), accept: true);
    }

    /// <summary>
    /// Answers each request with the raw HTTP response <paramref name="respond"/> gives for its target (path and
    /// query, e.g. <c>/pd/api/v1/stores</c>), then closes; see <see cref="Response"/>.
    /// </summary>
    public static FakeHttpServer Routing(Func<string, string> respond)
    {
        ArgumentNullException.ThrowIfNull(respond);
        return Start(async (_, target, stream, ct) => await WriteAsync(stream, respond(target), ct), accept: true);
    }

    /// <summary>Listens but never accepts: the kernel completes the TCP handshake and nothing ever answers.</summary>
    public static FakeHttpServer Silent() => Start(null, accept: false);

    /// <summary>Answers every request with the same raw HTTP response, then closes.</summary>
    public static FakeHttpServer Answering(int status, string contentType, string body) =>
        Start(async (_, _, stream, ct) => await WriteAsync(stream, Response(status, contentType, body), ct), accept: true);

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
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

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

    private static FakeHttpServer Start(Func<int, string, NetworkStream, CancellationToken, Task>? script, bool accept)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(backlog: 16);
        return new FakeHttpServer(listener, accept ? script : null);
    }

    private async Task AcceptLoopAsync(Func<int, string, NetworkStream, CancellationToken, Task> script)
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

    private async Task HandleAsync(Socket socket, int number, Func<int, string, NetworkStream, CancellationToken, Task> script)
    {
        using (socket)
        await using (var stream = new NetworkStream(socket, ownsSocket: false))
        {
            try
            {
                var target = await ReadRequestAsync(stream, _stop.Token);
                _requests.Enqueue(target);
                await script(number, target, stream, _stop.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client gave up or the test ended.
            }
        }
    }

    // Returns the request target ("/pd/api/v1/stores?state=0"), or "" when the client sent no complete head.
    private static async Task<string> ReadRequestAsync(NetworkStream stream, CancellationToken ct)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, ct) == 0)
            {
                return "";
            }

            head.Append((char)buffer[0]);
        }

        var requestLine = head.ToString().Split("\r\n")[0].Split(' ');
        var target = requestLine.Length >= 2 ? requestLine[1] : "";
        var lengthLine = head.ToString().Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var remaining = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var body = new byte[Math.Max(remaining, 1)];
        while (remaining > 0)
        {
            var read = await stream.ReadAsync(body.AsMemory(0, remaining), ct);
            if (read == 0)
            {
                return target;
            }

            remaining -= read;
        }

        return target;
    }
}
