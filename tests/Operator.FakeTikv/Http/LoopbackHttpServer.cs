using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Operator.FakeTikv.Http;

/// <summary>
/// A small HTTP/1.1 server on one 127.0.0.1 port that plays a process: it can be killed (the port closes, open
/// connections drop), hung (connections are accepted, requests read, nothing answered) and restarted on the same
/// port. One listening socket and no thread per server, so a thousand of them cost little.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly string _name;
    private readonly IHttpEndpoint _endpoint;
    private readonly RequestLog _log;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<Task> _retired = [];
    private Generation? _current;
    private bool _hung;

    /// <param name="name">How the request log names this server (<c>pd0</c>, <c>store4</c>, <c>prometheus</c>).</param>
    /// <param name="endpoint">What answers its requests.</param>
    /// <param name="log">Where requests are recorded.</param>
    /// <param name="time">Clock.</param>
    /// <param name="port">A fixed port to listen on; 0 takes a free one at the first start.</param>
    public LoopbackHttpServer(string name, IHttpEndpoint endpoint, RequestLog log, TimeProvider time, int port = 0)
    {
        _name = name;
        _endpoint = endpoint;
        _log = log;
        _time = time;
        Port = port;
    }

    public string Name => _name;

    /// <summary>The port, fixed by the first start and reused by every restart; 0 before the first start.</summary>
    public int Port { get; private set; }

    public ServerState State
    {
        get
        {
            lock (_gate)
            {
                return _current is null ? ServerState.Stopped : _hung ? ServerState.Hung : ServerState.Listening;
            }
        }
    }

    /// <summary>Listens (on the port of an earlier start, else on a free one) and answers.</summary>
    /// <exception cref="SocketException">The port is taken by someone else meanwhile.</exception>
    public void Start()
    {
        lock (_gate)
        {
            if (_current is not null)
            {
                throw new InvalidOperationException($"{_name} is already listening on 127.0.0.1:{Port}");
            }

            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // A restart must get its old port back although earlier connections may linger in TIME_WAIT.
                listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                listener.Bind(new IPEndPoint(IPAddress.Loopback, Port));
                listener.Listen(512);
            }
            catch
            {
                listener.Dispose();
                throw;
            }

            Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
            _hung = false;
            var generation = new Generation(listener);
            generation.AcceptLoop = AcceptLoopAsync(generation);
            _current = generation;
        }
    }

    /// <summary>Closes the port (connecting is refused from now on) and drops every open connection.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_current is not { } generation)
            {
                return;
            }

            _current = null;
            _hung = false;
            generation.Close();
            _retired.RemoveAll(t => t.IsCompleted);
            _retired.Add(generation.Completion());
        }
    }

    /// <summary>From now on every request — new or already waiting — is read and never answered, until stopped.</summary>
    public void Hang()
    {
        lock (_gate)
        {
            if (_current is null)
            {
                throw new InvalidOperationException($"{_name} is not running, so it cannot hang");
            }

            _hung = true;
        }
    }

    /// <summary>Kills and starts again on the same port.</summary>
    public void Restart()
    {
        Stop();
        Start();
    }

    public async ValueTask DisposeAsync()
    {
        Stop();
        Task[] retired;
        lock (_gate)
        {
            retired = [.. _retired];
        }

        await Task.WhenAll(retired);
    }

    private bool IsHung(Generation generation)
    {
        lock (_gate)
        {
            return _hung && ReferenceEquals(_current, generation);
        }
    }

    private async Task AcceptLoopAsync(Generation generation)
    {
        await Task.Yield();
        while (true)
        {
            Socket socket;
            try
            {
                socket = await generation.Listener.AcceptAsync(generation.Stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            generation.Track(socket, ServeAsync(generation, socket));
        }
    }

    private async Task ServeAsync(Generation generation, Socket socket)
    {
        var token = generation.Stopping.Token;
        await Task.Yield();
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            var reader = new HttpRequestReader(stream);
            while (!token.IsCancellationRequested)
            {
                HttpRequest? request;
                try
                {
                    request = await reader.ReadAsync(token);
                }
                catch (InvalidDataException e)
                {
                    await HttpReply.Text(400, $"400 Bad Request: {e.Message}\n").WriteAsync(stream, keepAlive: false, _time.GetUtcNow(), token);
                    return;
                }

                if (request is null)
                {
                    return;
                }

                _log.Record(_name, request);
                var reply = IsHung(generation) ? HttpReply.Hang : await AnswerAsync(request, token);
                if (!await reply.WriteAsync(stream, request.KeepAlive, _time.GetUtcNow(), token))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or this server was stopped.
        }
        finally
        {
            generation.Forget(socket);
        }
    }

    private async Task<HttpReply> AnswerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await _endpoint.HandleAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in the fake must be loud, not look like a PD answer.
            return HttpReply.Text(500, $"fake {_name} failed on {request.Method} {request.Path}: {e}\n");
        }
    }

    /// <summary>One listening period, from a start to the next stop: its socket and its connections.</summary>
    private sealed class Generation(Socket listener)
    {
        private readonly ConcurrentDictionary<Socket, Task> _connections = new();

        public Socket Listener { get; } = listener;

        public CancellationTokenSource Stopping { get; } = new();

        public Task AcceptLoop { get; set; } = Task.CompletedTask;

        public void Track(Socket socket, Task serving)
        {
            _connections[socket] = serving;
            if (Stopping.IsCancellationRequested)
            {
                socket.Dispose();
            }
        }

        public void Forget(Socket socket) => _connections.TryRemove(socket, out _);

        public void Close()
        {
            Stopping.Cancel();
            Listener.Dispose();
            foreach (var socket in _connections.Keys)
            {
                socket.Dispose();
            }
        }

        public async Task Completion()
        {
            await AcceptLoop;
            await Task.WhenAll(_connections.Values);
            Stopping.Dispose();
        }
    }
}
