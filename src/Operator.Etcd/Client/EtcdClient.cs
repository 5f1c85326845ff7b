using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Operator.Core.Http;
using Operator.Core.Metrics;

namespace Operator.Etcd.Client;

/// <summary>
/// etcd v3 over the plain-HTTP JSON gateway. One pooled connection set for all members; every request has its
/// own deadline; failures come back as classified <see cref="EtcdFailure"/>s, never as exceptions (only the
/// caller's cancellation propagates).
/// </summary>
public sealed class EtcdClient : IDisposable
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    private readonly DeadlineHttpClient _http;
    private readonly EtcdClientOptions _options;

    public EtcdClient(TimeProvider? time = null, EtcdClientOptions? options = null)
    {
        _options = options ?? new EtcdClientOptions();

        // Deadlines are per request; watch streams live indefinitely.
        _http = new DeadlineHttpClient(time, new HttpTransportOptions
        {
            ConnectTimeout = _options.ConnectTimeout,
            PooledConnectionIdleTimeout = _options.PooledConnectionIdleTimeout,
        });
    }

    /// <summary><c>POST /v3/maintenance/status {}</c>: member-local, answers without quorum.</summary>
    public Task<EtcdResult<EtcdStatus>> StatusAsync(Uri clientUrl, TimeSpan timeout, CancellationToken cancellationToken) =>
        PostAsync(
            clientUrl,
            "/v3/maintenance/status",
            EmptyObject,
            $"get status from {Display(clientUrl)}",
            EtcdJsonContext.Default.EtcdStatus,
            status => status.Header.MemberId == 0 ? "the answer has no header.member_id" : null,
            timeout,
            cancellationToken);

    /// <summary><c>POST /v3/cluster/member/list {}</c>: member-local, answers without quorum.</summary>
    public Task<EtcdResult<EtcdMemberList>> MemberListAsync(Uri clientUrl, TimeSpan timeout, CancellationToken cancellationToken) =>
        PostAsync(
            clientUrl,
            "/v3/cluster/member/list",
            EmptyObject,
            $"list members from {Display(clientUrl)}",
            EtcdJsonContext.Default.EtcdMemberList,
            list => list.Members.Count == 0 ? "the member list is empty" : null,
            timeout,
            cancellationToken);

    /// <summary><c>POST /v3/kv/put</c> of a UTF-8 key and value.</summary>
    public Task<EtcdResult<EtcdPutResponse>> PutAsync(Uri clientUrl, string key, string value, TimeSpan timeout, CancellationToken cancellationToken) =>
        PostAsync(
            clientUrl,
            "/v3/kv/put",
            Encoding.UTF8.GetBytes($$"""{"key":"{{Base64(key)}}","value":"{{Base64(value)}}"}"""),
            $"put {key} on {Display(clientUrl)}",
            EtcdJsonContext.Default.EtcdPutResponse,
            put => put.Header.Revision == 0 ? "the answer has no header.revision" : null,
            timeout,
            cancellationToken);

    /// <summary><c>POST /v3/kv/range</c> of one UTF-8 key (linearizable unless <paramref name="serializable"/>).</summary>
    public Task<EtcdResult<EtcdRangeResponse>> RangeAsync(Uri clientUrl, string key, TimeSpan timeout, CancellationToken cancellationToken, bool serializable = false) =>
        PostAsync(
            clientUrl,
            "/v3/kv/range",
            Encoding.UTF8.GetBytes($$"""{"key":"{{Base64(key)}}","serializable":{{(serializable ? "true" : "false")}}}"""),
            $"get {key} from {Display(clientUrl)}",
            EtcdJsonContext.Default.EtcdRangeResponse,
            range => range.Header.Revision == 0 ? "the answer has no header.revision" : null,
            timeout,
            cancellationToken);

    /// <summary>
    /// <c>GET &lt;metricsUrl&gt;/metrics</c>, parsed as it streams into a pooled buffer; only series the
    /// <paramref name="filter"/> keeps are materialised.
    /// </summary>
    public Task<EtcdResult<MetricScrape>> MetricsAsync(Uri metricsUrl, MetricFilter? filter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metricsUrl);
        var operation = $"get metrics from {Display(metricsUrl)}";
        var path = metricsUrl.AbsolutePath.TrimEnd('/');
        var target = new UriBuilder(metricsUrl) { Path = path.EndsWith("/metrics", StringComparison.Ordinal) ? path : path + "/metrics" }.Uri;

        return ExecuteAsync(
            operation,
            timeout,
            async (http, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, target);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                using var body = await PooledBody.ReadAsync(response.Content, _options.MaxMetricsBytes, token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return new EtcdResult<MetricScrape>(ErrorStatus(operation, response.StatusCode, body));
                }

                if (body.Truncated)
                {
                    return Garbage<MetricScrape>(operation, $"the page is larger than {_options.MaxMetricsBytes} bytes");
                }

                var mediaType = response.Content.Headers.ContentType?.MediaType;
                if (mediaType is "text/html" or "application/json")
                {
                    return Garbage<MetricScrape>(operation, $"unexpected answer (HTTP {(int)response.StatusCode} {mediaType}, not Prometheus text): {body.Snippet()}");
                }

                var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(body.Length));
                try
                {
                    var length = Encoding.UTF8.GetChars(body.Bytes, chars);
                    var scrape = PrometheusTextParser.Parse(chars.AsSpan(0, length), filter);
                    return scrape.Samples.Count == 0 && scrape.SkippedLines > 0
                        ? Garbage<MetricScrape>(operation, $"unexpected answer (HTTP {(int)response.StatusCode}, not Prometheus text): {body.Snippet()}")
                        : new EtcdResult<MetricScrape>(scrape);
                }
                finally
                {
                    ArrayPool<char>.Shared.Return(chars);
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// <c>GET &lt;peerUrl&gt;/raft/probing</c> on the member's peer listener. The pooled connection keeps the healthy round
    /// trip near a millisecond; a connection cut under it fails, and the one retry on a new connection then tells
    /// whether the port refuses or closes again.
    /// </summary>
    public Task<EtcdResult<EtcdProbingHealth>> PeerProbeAsync(Uri peerUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peerUrl);
        var operation = $"probe peer port {Display(peerUrl)}";
        var target = new UriBuilder(peerUrl) { Path = "/raft/probing" }.Uri;

        return ExecuteAsync(
            operation,
            timeout,
            async (http, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, target);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                using var body = await PooledBody.ReadAsync(response.Content, _options.MaxJsonBytes, token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return new EtcdResult<EtcdProbingHealth>(ErrorStatus(operation, response.StatusCode, body));
                }

                EtcdProbingHealth? health;
                try
                {
                    health = JsonSerializer.Deserialize(body.Bytes, EtcdJsonContext.Default.EtcdProbingHealth);
                }
                catch (JsonException)
                {
                    health = null;
                }

                return health is { Ok: true }
                    ? new EtcdResult<EtcdProbingHealth>(health)
                    : Garbage<EtcdProbingHealth>(operation, $"unexpected answer (HTTP {(int)response.StatusCode}, not etcd's probing health): {body.Snippet()}");
            },
            cancellationToken);
    }

    /// <summary>
    /// Opens a watch on one UTF-8 key (<c>POST /v3/watch</c> with a create_request). Succeeds once etcd has
    /// confirmed creation within <paramref name="timeout"/>; the stream then lives until disposed or broken.
    /// </summary>
    public Task<EtcdResult<EtcdWatchStream>> WatchAsync(Uri clientUrl, string key, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clientUrl);
        var operation = $"watch {key} on {Display(clientUrl)}";
        var payload = Encoding.UTF8.GetBytes($$$"""{"create_request":{"key":"{{{Base64(key)}}}"}}""");

        return ExecuteAsync(
            operation,
            timeout,
            async (http, token) =>
            {
                HttpResponseMessage? response;
                using (var request = Post(clientUrl, "/v3/watch", payload))
                {
                    response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                }

                EtcdWatchStream? watch = null;
                try
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        using var body = await PooledBody.ReadAsync(response.Content, _options.MaxJsonBytes, token).ConfigureAwait(false);
                        return new EtcdResult<EtcdWatchStream>(ErrorStatus(operation, response.StatusCode, body));
                    }

                    var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                    watch = new EtcdWatchStream(response, stream, operation);
                    response = null;

                    var first = await watch.ReadCoreAsync(token).ConfigureAwait(false);
                    if (!first.Ok)
                    {
                        return new EtcdResult<EtcdWatchStream>(first.Failure);
                    }

                    if (!first.Value.Created || first.Value.Canceled)
                    {
                        return Garbage<EtcdWatchStream>(operation, first.Value.Canceled
                            ? $"etcd canceled the watch at once: {first.Value.CancelReason}"
                            : "the first message did not confirm the watch");
                    }

                    var established = watch;
                    watch = null;
                    return new EtcdResult<EtcdWatchStream>(established);
                }
                finally
                {
                    watch?.Dispose();
                    response?.Dispose();
                }
            },
            cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A URL as error messages show it: <c>http://127.0.0.1:23792</c>.</summary>
    public static string Display(Uri url) => DeadlineHttpClient.Display(url);

    internal static EtcdFailure ErrorStatus(string operation, HttpStatusCode status, PooledBody body)
    {
        var code = (int)status;
        if (!body.Truncated && body.Length > 0)
        {
            try
            {
                var error = JsonSerializer.Deserialize(body.Bytes, EtcdJsonContext.Default.EtcdErrorBody);
                if (error?.Text is { Length: > 0 } text)
                {
                    return new EtcdFailure(EtcdFailureKind.HttpError, operation, $"HTTP {code}: {EtcdFailureClassifier.OneLine(text)}", code, error.Code);
                }
            }
            catch (JsonException)
            {
                // Not etcd's error shape; classified below.
            }
        }

        return code >= 500
            ? new EtcdFailure(EtcdFailureKind.Garbage, operation, $"HTTP {code} with a body etcd does not send: {body.Snippet()}", code)
            : new EtcdFailure(EtcdFailureKind.HttpError, operation, $"HTTP {code}: {body.Snippet()}", code);
    }

    private Task<EtcdResult<T>> PostAsync<T>(
        Uri clientUrl,
        string path,
        byte[] payload,
        string operation,
        JsonTypeInfo<T> typeInfo,
        Func<T, string?> validate,
        TimeSpan timeout,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(clientUrl);
        return ExecuteAsync(
            operation,
            timeout,
            async (http, token) =>
            {
                using var request = Post(clientUrl, path, payload);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                using var body = await PooledBody.ReadAsync(response.Content, _options.MaxJsonBytes, token).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    return new EtcdResult<T>(ErrorStatus(operation, response.StatusCode, body));
                }

                if (body.Truncated)
                {
                    return Garbage<T>(operation, $"the answer is larger than {_options.MaxJsonBytes} bytes");
                }

                T? value;
                try
                {
                    value = JsonSerializer.Deserialize(body.Bytes, typeInfo);
                }
                catch (JsonException)
                {
                    return Garbage<T>(operation, $"unexpected answer (HTTP {(int)response.StatusCode}, not etcd JSON): {body.Snippet()}");
                }

                if (value is null)
                {
                    return Garbage<T>(operation, $"unexpected answer (HTTP {(int)response.StatusCode}): {body.Snippet()}");
                }

                return validate(value) is { } problem
                    ? Garbage<T>(operation, $"unexpected answer: {problem}: {body.Snippet()}")
                    : new EtcdResult<T>(value);
            },
            cancellationToken);
    }

    // Deadline, transport classification and the one retry on a new connection after a reset/EOF are the
    // shared client's.
    private Task<EtcdResult<T>> ExecuteAsync<T>(
        string operation,
        TimeSpan timeout,
        Func<HttpClient, CancellationToken, Task<EtcdResult<T>>> attempt,
        CancellationToken cancellationToken)
        where T : class =>
        _http.SendAsync(operation, timeout, attempt, failure => new EtcdResult<T>(EtcdFailureClassifier.ToEtcd(failure)), cancellationToken);

    internal static bool IsTransportFailure(Exception e) => HttpFailureClassifier.IsTransportFailure(e);

    private static HttpRequestMessage Post(Uri clientUrl, string path, byte[] payload)
    {
        var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, new UriBuilder(clientUrl) { Path = path }.Uri) { Content = content };
    }

    private static EtcdResult<T> Garbage<T>(string operation, string detail)
        where T : class =>
        new(new EtcdFailure(EtcdFailureKind.Garbage, operation, detail));

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
