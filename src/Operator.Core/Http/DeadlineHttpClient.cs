using System.Globalization;
using System.Net;

namespace Operator.Core.Http;

/// <summary>
/// Runs HTTP exchanges each under its own deadline and turns transport failures into classified
/// <see cref="HttpFailure"/>s; only the caller's cancellation propagates as an exception.
/// </summary>
public sealed class DeadlineHttpClient : IDisposable
{
    private readonly HttpClient _pooled;
    private readonly HttpClient _fresh;
    private readonly TimeProvider _time;

    public DeadlineHttpClient(TimeProvider? time = null, HttpTransportOptions? options = null)
    {
        _time = time ?? TimeProvider.System;
        options ??= new HttpTransportOptions();

        // Deadlines are per request (linked token sources), so the clients themselves never time out.
        _pooled = new HttpClient(Handler(options, Timeout.InfiniteTimeSpan), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };

        // Retries go through a pool that never reuses a connection: after a node is killed, every idle pooled
        // connection to it is stale, and a retry on the next one would fail the same way.
        _fresh = new HttpClient(Handler(options, TimeSpan.Zero), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Sends every request through <paramref name="handler"/> (a custom transport, e.g. in tests); this client disposes it.</summary>
    public DeadlineHttpClient(HttpMessageHandler handler, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _time = time ?? TimeProvider.System;
        _pooled = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _fresh = _pooled;
    }

    /// <summary>A URL as error messages show it: <c>http://127.0.0.1:2379</c>.</summary>
    public static string Display(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var text = url.GetLeftPart(UriPartial.Path);
        return text.EndsWith('/') ? text[..^1] : text;
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> with a token that fires at <paramref name="timeout"/>. A transport exception
    /// becomes a failure of <paramref name="operation"/>; a reset or EOF is retried once at once on a new
    /// connection, because a pooled connection to a node that was just killed fails that way and the new
    /// connection then tells the real story (refused).
    /// </summary>
    public async Task<TResult> SendAsync<TResult>(
        string operation,
        TimeSpan timeout,
        Func<HttpClient, CancellationToken, Task<TResult>> attempt,
        Func<HttpFailure, TResult> failed,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(failed);
        cancellationToken.ThrowIfCancellationRequested();
        if (timeout <= TimeSpan.Zero)
        {
            return failed(new HttpFailure(HttpFailureKind.Timeout, operation, "no time left before the deadline"));
        }

        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            HttpFailure failure;
            try
            {
                return await attempt(attemptNumber == 1 ? _pooled : _fresh, linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (HttpFailureClassifier.IsTransportFailure(e))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (deadline.IsCancellationRequested)
                {
                    var ms = timeout.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
                    return failed(new HttpFailure(HttpFailureKind.Timeout, operation, $"no answer within {ms} ms"));
                }

                var (kind, detail) = HttpFailureClassifier.Classify(e);
                failure = new HttpFailure(kind, operation, detail);
            }

            if (failure.Kind != HttpFailureKind.OtherTransport || attemptNumber >= 2)
            {
                return failed(failure);
            }
        }
    }

    /// <summary><see cref="SendAsync{TResult}"/> for attempts that return an <see cref="HttpResult{T}"/>.</summary>
    public Task<HttpResult<T>> SendAsync<T>(
        string operation,
        TimeSpan timeout,
        Func<HttpClient, CancellationToken, Task<HttpResult<T>>> attempt,
        CancellationToken cancellationToken)
        where T : class =>
        SendAsync(operation, timeout, attempt, failure => new HttpResult<T>(failure), cancellationToken);

    public void Dispose()
    {
        _pooled.Dispose();
        if (!ReferenceEquals(_fresh, _pooled))
        {
            _fresh.Dispose();
        }
    }

    private static SocketsHttpHandler Handler(HttpTransportOptions options, TimeSpan pooledConnectionLifetime) => new()
    {
        ConnectTimeout = options.ConnectTimeout,
        UseProxy = false, // an http_proxy in the environment must not capture loopback calls
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
        PooledConnectionLifetime = pooledConnectionLifetime,
    };
}
