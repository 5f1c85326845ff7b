using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Operator.Llm.Tests;

/// <summary>
/// An HTTP server on 127.0.0.1 at a free port that answers LLM API calls from a script of canned replies and
/// records every request (path, headers, body) as received.
/// </summary>
public sealed class FakeLlmServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<FakeReply> _replies = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public FakeLlmServer()
    {
        var port = FreePort();
        BaseUrl = new Uri($"http://127.0.0.1:{port}");
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    /// <summary>
    /// The requests once at least <paramref name="count"/> have been recorded. A client that gave up (timeout) may
    /// finish before the server has read that request's body, so counting right away races.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForRequestsAsync(int count, TimeSpan deadline)
    {
        var until = DateTimeOffset.UtcNow + deadline;
        while (_requests.Count < count && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(10);
        }

        return Requests;
    }

    public FakeLlmServer Reply(FakeReply reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception)
        {
            // The listener throws when stopped mid-accept.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            var headers = context.Request.Headers.AllKeys
                .Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            _requests.Enqueue(new ReceivedRequest(context.Request.HttpMethod, context.Request.Url?.AbsolutePath ?? "", headers, body));

            var reply = _replies.TryDequeue(out var r) ? r : new FakeReply(500, """{"error":"no scripted reply"}""");
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, _stop.Token);
            }

            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            context.Response.StatusCode = reply.Status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token);
            context.Response.Close();
        }
        catch (Exception)
        {
            // The client gave up (timeout test) or the server is stopping.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
