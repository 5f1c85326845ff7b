using System.Globalization;
using System.Text.Json;
using Operator.Core.Http;

namespace Operator.TiKV.Prometheus;

/// <summary>
/// Prometheus' HTTP API: instant (<c>/api/v1/query</c>) and range (<c>/api/v1/query_range</c>) queries. Each request
/// has its own deadline; failures, including Prometheus' <c>{"status":"error",…}</c> answers, come back as values,
/// never as exceptions (only the caller's cancellation propagates).
/// </summary>
public sealed class PrometheusClient : IDisposable
{
    private const int MaxJsonBytes = 16 * 1024 * 1024;

    private readonly DeadlineHttpClient _http;

    /// <param name="baseUrl">Prometheus' URL (<c>http://prom:9090</c>, or with a path prefix behind a proxy).</param>
    public PrometheusClient(Uri baseUrl, TimeProvider? time = null, HttpTransportOptions? options = null)
        : this(baseUrl, new DeadlineHttpClient(time, options))
    {
    }

    /// <summary>Sends every request through <paramref name="handler"/> (tests that synthesise answers).</summary>
    internal PrometheusClient(Uri baseUrl, HttpMessageHandler handler)
        : this(baseUrl, new DeadlineHttpClient(handler))
    {
    }

    private PrometheusClient(Uri baseUrl, DeadlineHttpClient http)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("http" or "https"))
        {
            http.Dispose();
            throw new ArgumentException($"not an http(s) Prometheus URL: {baseUrl}", nameof(baseUrl));
        }

        BaseUrl = baseUrl;
        _http = http;
    }

    public Uri BaseUrl { get; }

    /// <summary>
    /// <c>GET /api/v1/query</c>: an instant vector at <paramref name="at"/> (Prometheus' now when null). A scalar
    /// answer becomes one sample without labels.
    /// </summary>
    public Task<HttpResult<PromVector>> QueryAsync(string query, DateTimeOffset? at, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var parameters = $"query={Uri.EscapeDataString(query)}" + (at is { } time ? $"&time={Seconds(time)}" : "");
        return GetAsync($"query {DeadlineHttpClient.Display(BaseUrl)} for {OneLineQuery(query)}", "/api/v1/query", parameters, ReadVector, timeout, cancellationToken);
    }

    /// <summary><c>GET /api/v1/query_range</c>: a matrix from <paramref name="start"/> to <paramref name="end"/> every <paramref name="step"/>.</summary>
    public Task<HttpResult<PromMatrix>> QueryRangeAsync(
        string query,
        DateTimeOffset start,
        DateTimeOffset end,
        TimeSpan step,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(step, TimeSpan.Zero);
        var parameters = $"query={Uri.EscapeDataString(query)}&start={Seconds(start)}&end={Seconds(end)}"
            + $"&step={step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}";
        return GetAsync($"query range {DeadlineHttpClient.Display(BaseUrl)} for {OneLineQuery(query)}", "/api/v1/query_range", parameters, ReadMatrix, timeout, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static string Seconds(DateTimeOffset at) =>
        (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static string OneLineQuery(string query) => string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private Task<HttpResult<T>> GetAsync<T>(
        string operation,
        string path,
        string parameters,
        Func<JsonElement, T> read,
        TimeSpan timeout,
        CancellationToken cancellationToken)
        where T : class
    {
        var url = new UriBuilder(BaseUrl) { Path = BaseUrl.AbsolutePath.TrimEnd('/') + path, Query = parameters }.Uri;
        return _http.SendAsync(
            operation,
            timeout,
            async (http, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                using var body = await PooledBody.ReadAsync(response.Content, MaxJsonBytes, token).ConfigureAwait(false);
                return Interpret(operation, (int)response.StatusCode, body, read);
            },
            cancellationToken);
    }

    private static HttpResult<T> Interpret<T>(string operation, int status, PooledBody body, Func<JsonElement, T> read)
        where T : class
    {
        if (body.Truncated)
        {
            return Garbage<T>(operation, $"the answer is larger than {MaxJsonBytes} bytes");
        }

        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body.Bytes);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return Garbage<T>(operation, status is >= 200 and < 300
                ? $"unexpected answer (HTTP {status}, not Prometheus JSON): {body.Snippet()}"
                : $"HTTP {status} with a body Prometheus does not send: {body.Snippet()}");
        }

        using (document)
        {
            var root = document.RootElement;
            var state = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (state == "error")
            {
                var errorType = Text(root, "errorType");
                var error = Text(root, "error") ?? "(no message)";
                return new HttpResult<T>(new HttpFailure(
                    HttpFailureKind.HttpError,
                    operation,
                    HttpFailureClassifier.OneLine($"HTTP {status}: {(errorType is null ? "" : errorType + ": ")}{error}"),
                    status,
                    errorType));
            }

            if (state != "success" || status is < 200 or >= 300)
            {
                return Garbage<T>(operation, status is >= 200 and < 300
                    ? $"unexpected answer (HTTP {status}, not a Prometheus API answer): {body.Snippet()}"
                    : $"HTTP {status} with a body Prometheus does not send: {body.Snippet()}");
            }

            try
            {
                return new HttpResult<T>(read(root));
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
            {
                return Garbage<T>(operation, $"unexpected answer (HTTP {status}): {e.Message}: {body.Snippet()}");
            }
        }
    }

    private static PromVector ReadVector(JsonElement root)
    {
        Data(root, out var resultType, out var result);
        List<PromSample> samples = [];
        switch (resultType)
        {
            case "vector":
                foreach (var series in Array(result, "data.result"))
                {
                    var (at, value) = Pair(Property(series, "value"), "value");
                    samples.Add(new PromSample(Labels(series), at, value));
                }

                break;
            case "scalar":
                var (time, scalar) = Pair(result, "data.result");
                samples.Add(new PromSample(new Dictionary<string, string>(), time, scalar));
                break;
            default:
                throw new JsonException($"expected a vector, got resultType {resultType}");
        }

        return new PromVector(samples, Warnings(root));
    }

    private static PromMatrix ReadMatrix(JsonElement root)
    {
        Data(root, out var resultType, out var result);
        if (resultType != "matrix")
        {
            throw new JsonException($"expected a matrix, got resultType {resultType}");
        }

        List<PromSeries> series = [];
        foreach (var item in Array(result, "data.result"))
        {
            var points = Array(Property(item, "values"), "values").Select(p => Pair(p, "values[]")).Select(p => new PromPoint(p.At, p.Value)).ToList();
            series.Add(new PromSeries(Labels(item), points));
        }

        return new PromMatrix(series, Warnings(root));
    }

    private static void Data(JsonElement root, out string resultType, out JsonElement result)
    {
        var data = Property(root, "data");
        resultType = Text(data, "resultType") ?? throw new JsonException("data.resultType is missing");
        result = Property(data, "result");
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value
            : throw new JsonException($"{name} is missing");

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static JsonElement.ArrayEnumerator Array(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw new JsonException($"{what} is not an array");

    // [1769336131.123, "0.0123"]: unix seconds (a number) and the value (a string).
    private static (DateTimeOffset At, double Value) Pair(JsonElement pair, string what)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
            || pair[0].ValueKind != JsonValueKind.Number || pair[1].ValueKind != JsonValueKind.String)
        {
            throw new JsonException($"{what} is not a [time, \"value\"] pair");
        }

        var value = PromValue.Parse(pair[1].GetString()) ?? throw new JsonException($"{what} has a value that is not a number: \"{pair[1].GetString()}\"");
        return (DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(pair[0].GetDouble() * 1000)), value);
    }

    private static Dictionary<string, string> Labels(JsonElement series)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (series.ValueKind == JsonValueKind.Object && series.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.Object)
        {
            foreach (var label in metric.EnumerateObject())
            {
                if (label.Value.ValueKind == JsonValueKind.String)
                {
                    labels[label.Name] = label.Value.GetString()!;
                }
            }
        }

        return labels;
    }

    private static List<string> Warnings(JsonElement root) =>
        root.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array
            ? [.. warnings.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.String).Select(w => w.GetString()!)]
            : [];

    private static HttpResult<T> Garbage<T>(string operation, string detail)
        where T : class =>
        new(new HttpFailure(HttpFailureKind.Garbage, operation, HttpFailureClassifier.OneLine(detail)));
}
