using System.Globalization;
using System.Text;
using System.Text.Json;
using Operator.FakeTikv.Http;
using Operator.FakeTikv.Wire;

namespace Operator.FakeTikv.Prometheus;

/// <summary>
/// Prometheus' HTTP API: <c>/api/v1/query</c> and <c>/api/v1/query_range</c> (GET or form POST) evaluated by
/// <see cref="PromEvaluator"/>, <c>/-/ready</c> and <c>/-/healthy</c>. Queries it cannot evaluate get an empty
/// vector and are recorded in <see cref="QueryLog"/>.
/// </summary>
internal sealed class PrometheusApi(FakeClusterState state, FakePrometheus owner) : IHttpEndpoint
{
    private const string JsonContentType = "application/json";
    private const int MaxPoints = 11_000;

    private readonly ScrapedLabels _labels = new();

    // One query is evaluated at a time. A PromQL evaluation over a thousand stores is pure CPU; several at once would
    // take every thread-pool thread of this process and starve the status servers that share it, which a real
    // Prometheus, running on its own machine, never does.
    private readonly SemaphoreSlim _evaluating = new(1, 1);

    public async ValueTask<HttpReply> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.Path is not ("/api/v1/query" or "/api/v1/query_range"))
        {
            return Handle(request);
        }

        await _evaluating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Handle(request);
        }
        finally
        {
            _evaluating.Release();
        }
    }

    private HttpReply Handle(HttpRequest request)
    {
        switch (request.Path)
        {
            case "/-/ready":
                return HttpReply.Text(200, "Prometheus Server is Ready.\n");
            case "/-/healthy":
                return HttpReply.Text(200, "Prometheus Server is Healthy.\n");
            case "/api/v1/query" or "/api/v1/query_range":
                break;
            default:
                return HttpReply.Text(404, "404 page not found\n");
        }

        if (request.Method is not ("GET" or "POST"))
        {
            return HttpReply.Text(405, "Method Not Allowed\n");
        }

        if (owner.Failure is { } failure)
        {
            return Error(failure.Status, failure.ErrorType, failure.Error);
        }

        var parameters = request.Query;
        if (request.Method == "POST" && (request.Header("Content-Type") ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            parameters = parameters.Merge(QueryParameters.Parse(Encoding.UTF8.GetString(request.Body.Span)));
        }

        var query = parameters.Get("query");
        if (string.IsNullOrWhiteSpace(query))
        {
            return Error(400, "bad_data", "invalid parameter \"query\": 1:1: parse error: no expression found in input");
        }

        owner.Queries.Asked(query);
        return request.Path == "/api/v1/query" ? Instant(query, parameters) : Range(query, parameters);
    }

    private HttpReply Instant(string query, QueryParameters parameters)
    {
        var now = state.Time.GetUtcNow();
        var at = now;
        if (parameters.Get("time") is { Length: > 0 } timeText && !TryParseTime(timeText, out at))
        {
            return Error(400, "bad_data", $"invalid parameter \"time\": cannot parse \"{timeText}\" to a valid timestamp");
        }

        var catalog = new SeriesCatalog(state, owner.Instance, now, _labels);
        if (!TryEvaluate(query, catalog, at, out var value, out var error))
        {
            return error!;
        }

        var ms = at.ToUnixTimeMilliseconds();
        return Success(json =>
        {
            switch (value)
            {
                case ScalarValue scalar:
                    json.WriteString("resultType", "scalar");
                    json.WritePropertyName("result");
                    WritePoint(json, ms, scalar.Value);
                    break;
                case RangeValue range:
                    json.WriteString("resultType", "matrix");
                    json.WriteStartArray("result");
                    foreach (var series in range.Series.OrderBy(s => s.Labels.Signature, StringComparer.Ordinal))
                    {
                        var points = Enumerable.Range(0, (int)Math.Max(1, range.Window.TotalSeconds / 15))
                            .Select(k => ms - (k * 15_000L)).Reverse().Select(t => (t, series.Value));
                        WriteSeries(json, series.Labels, points);
                    }

                    json.WriteEndArray();
                    break;
                default:
                    json.WriteString("resultType", "vector");
                    json.WriteStartArray("result");
                    foreach (var sample in ((VectorValue)value!).Samples.OrderBy(s => s.Labels.Signature, StringComparer.Ordinal))
                    {
                        json.WriteStartObject();
                        WriteMetric(json, sample.Labels);
                        json.WritePropertyName("value");
                        WritePoint(json, ms, sample.Value);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    break;
            }
        });
    }

    private HttpReply Range(string query, QueryParameters parameters)
    {
        if (!TryParseTime(parameters.Get("start") ?? "", out var start))
        {
            return Error(400, "bad_data", $"invalid parameter \"start\": cannot parse \"{parameters.Get("start")}\" to a valid timestamp");
        }

        if (!TryParseTime(parameters.Get("end") ?? "", out var end))
        {
            return Error(400, "bad_data", $"invalid parameter \"end\": cannot parse \"{parameters.Get("end")}\" to a valid timestamp");
        }

        if (end < start)
        {
            return Error(400, "bad_data", "invalid parameter \"end\": end timestamp must not be before start time");
        }

        if (!TryParseStep(parameters.Get("step") ?? "", out var step))
        {
            return Error(400, "bad_data", $"invalid parameter \"step\": cannot parse \"{parameters.Get("step")}\" to a valid duration");
        }

        if (step <= TimeSpan.Zero)
        {
            return Error(400, "bad_data", "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }

        if ((end - start) / step > MaxPoints)
        {
            return Error(400, "bad_data", "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        }

        var catalog = new SeriesCatalog(state, owner.Instance, state.Time.GetUtcNow(), _labels);
        var series = new SortedDictionary<string, (LabelSet Labels, List<(long, double)> Points)>(StringComparer.Ordinal);
        for (var t = start; t <= end; t += step)
        {
            if (!TryEvaluate(query, catalog, t, out var value, out var error))
            {
                return error!;
            }

            var samples = value switch
            {
                ScalarValue s => [new Sample(LabelSet.Empty, s.Value)],
                VectorValue v => v.Samples,
                _ => [],
            };
            foreach (var sample in samples)
            {
                if (!series.TryGetValue(sample.Labels.Signature, out var entry))
                {
                    entry = (sample.Labels, []);
                    series[sample.Labels.Signature] = entry;
                }

                entry.Points.Add((t.ToUnixTimeMilliseconds(), sample.Value));
            }
        }

        return Success(json =>
        {
            json.WriteString("resultType", "matrix");
            json.WriteStartArray("result");
            foreach (var (labels, points) in series.Values)
            {
                WriteSeries(json, labels, points);
            }

            json.WriteEndArray();
        });
    }

    private bool TryEvaluate(string query, SeriesCatalog catalog, DateTimeOffset at, out PromValue? value, out HttpReply? error)
    {
        error = null;
        var evaluator = new PromEvaluator(catalog, at);
        try
        {
            value = evaluator.Evaluate(PromParser.Parse(query));
            if (evaluator.UnknownMetrics.Count > 0)
            {
                owner.Queries.NotUnderstood(query, "no target exports " + string.Join(", ", evaluator.UnknownMetrics.Distinct()));
            }

            return true;
        }
        catch (UnsupportedQueryException e)
        {
            owner.Queries.NotUnderstood(query, e.Message);
            value = new VectorValue([]);
            return true;
        }
        catch (QueryExecutionException e)
        {
            value = null;
            error = Error(422, "execution", e.Message);
            return false;
        }
    }

    private static FixedReply Success(Action<Utf8JsonWriter> writeData) =>
        new(200, JsonContentType, PdJson.Compact(json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "success");
            json.WriteStartObject("data");
            writeData(json);
            json.WriteEndObject();
            json.WriteEndObject();
        }));

    private static FixedReply Error(int status, string errorType, string error) =>
        new(status, JsonContentType, PdJson.Compact(json =>
        {
            json.WriteStartObject();
            json.WriteString("status", "error");
            json.WriteString("errorType", errorType);
            json.WriteString("error", error);
            json.WriteEndObject();
        }));

    private static void WriteSeries(Utf8JsonWriter json, LabelSet labels, IEnumerable<(long Ms, double Value)> points)
    {
        json.WriteStartObject();
        WriteMetric(json, labels);
        json.WriteStartArray("values");
        foreach (var (ms, value) in points)
        {
            WritePoint(json, ms, value);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter json, LabelSet labels)
    {
        json.WriteStartObject("metric");
        foreach (var (name, value) in labels.Labels)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
    }

    private static void WritePoint(Utf8JsonWriter json, long unixMilliseconds, double value)
    {
        json.WriteStartArray();
        json.WriteRawValue(PromFloat.Timestamp(unixMilliseconds), skipInputValidation: true);
        json.WriteStringValue(PromFloat.Value(value));
        json.WriteEndArray();
    }

    private static bool TryParseTime(string text, out DateTimeOffset at)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at);
    }

    private static bool TryParseStep(string text, out TimeSpan step)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            step = TimeSpan.FromSeconds(seconds);
            return true;
        }

        try
        {
            step = TimeSpan.FromSeconds(((NumberExpr)PromParser.Parse(text)).Value);
            return true;
        }
        catch (Exception e) when (e is UnsupportedQueryException or InvalidCastException)
        {
            step = TimeSpan.Zero;
            return false;
        }
    }
}
