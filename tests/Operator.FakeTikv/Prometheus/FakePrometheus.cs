using Operator.FakeTikv.Http;

namespace Operator.FakeTikv.Prometheus;

/// <summary>The fake Prometheus server: its URL, what it was asked (<see cref="Queries"/>), and switches to break it.</summary>
public sealed class FakePrometheus
{
    private readonly object _gate = new();
    private LoopbackHttpServer? _server;
    private QueryFailure? _failure;

    internal FakePrometheus()
    {
    }

    public QueryLog Queries { get; } = new();

    public string Url => $"http://127.0.0.1:{Server.Port}";

    /// <summary>Its own scrape target (<c>instance</c> of <c>up{job="prometheus"}</c>).</summary>
    public string Instance => $"127.0.0.1:{Server.Port}";

    public PrometheusMode Mode
    {
        get
        {
            lock (_gate)
            {
                return Server.State switch
                {
                    ServerState.Stopped => PrometheusMode.Down,
                    ServerState.Hung => PrometheusMode.Hung,
                    _ => _failure is null ? PrometheusMode.Up : PrometheusMode.Failing,
                };
            }
        }
    }

    internal QueryFailure? Failure
    {
        get
        {
            lock (_gate)
            {
                return _failure;
            }
        }
    }

    /// <summary>Closes its port: connecting is refused.</summary>
    public void GoDown()
    {
        lock (_gate)
        {
            Server.Stop();
        }
    }

    /// <summary>Accepts connections and never answers.</summary>
    public void Hang()
    {
        lock (_gate)
        {
            Server.Hang();
        }
    }

    /// <summary>Answers every query with <c>{"status":"error",…}</c> (default: 503 <c>timeout</c>).</summary>
    public void FailQueries(QueryFailure? failure = null)
    {
        lock (_gate)
        {
            _failure = failure ?? QueryFailure.Timeout;
        }
    }

    /// <summary>Back to normal: listening again on the same port if it was down or hung, answering queries.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            _failure = null;
            if (Server.State != ServerState.Listening)
            {
                Server.Restart();
            }
        }
    }

    internal LoopbackHttpServer Server => _server ?? throw new InvalidOperationException("the fake Prometheus has not started");

    internal void Attach(LoopbackHttpServer server) => _server = server;
}
