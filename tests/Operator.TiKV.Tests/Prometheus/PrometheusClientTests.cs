using Operator.Core.Http;
using Operator.Testing;
using Operator.TiKV.Prometheus;
using Operator.TiKV.Tests.Fixtures;

namespace Operator.TiKV.Tests.Prometheus;

/// <summary>Prometheus' query API against answers shaped as Prometheus sends them (Fixtures/prometheus).</summary>
public sealed class PrometheusClientTests
{
    private const string Json = "application/json";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Instant_vector_keeps_labels_instance_time_and_values()
    {
        await using var prometheus = Answering("prometheus/up.json");
        using var client = new PrometheusClient(prometheus.Url);

        var result = await client.QueryAsync("up{job=\"tikv\"}", at: null, Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        var samples = result.Value.Samples;
        Assert.Equal(["tikv0:20180", "tikv1:20180", "tikv2:20180"], samples.Select(s => s.Instance));
        Assert.Equal([1.0, 0.0, 1.0], samples.Select(s => s.Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1769336131123), samples[0].Timestamp);
        Assert.Equal("tikv", samples[0].Labels["job"]);
        Assert.Equal("up", samples[0].Labels["__name__"]);
        Assert.Empty(result.Value.Warnings);
    }

    [Fact]
    public async Task NaN_and_infinities_arrive_as_strings_and_parse()
    {
        await using var prometheus = Answering("prometheus/special-values.json");
        using var client = new PrometheusClient(prometheus.Url);

        var samples = (await client.QueryAsync("x", null, Deadline, CancellationToken.None)).Value!.Samples;

        Assert.True(double.IsNaN(samples[0].Value));
        Assert.Equal(double.PositiveInfinity, samples[1].Value);
        Assert.Equal(double.NegativeInfinity, samples[2].Value);
        Assert.Equal(0.00001, samples[3].Value);
    }

    [Fact]
    public async Task Empty_result_is_an_answer_with_no_samples()
    {
        await using var prometheus = Answering("prometheus/empty-vector.json");
        using var client = new PrometheusClient(prometheus.Url);

        var result = await client.QueryAsync("up{job=\"nothing\"}", null, Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Empty(result.Value.Samples);
    }

    [Fact]
    public async Task Scalar_answer_is_one_sample_without_labels()
    {
        await using var prometheus = Answering("prometheus/scalar.json");
        using var client = new PrometheusClient(prometheus.Url);

        var sample = Assert.Single((await client.QueryAsync("time()", null, Deadline, CancellationToken.None)).Value!.Samples);

        Assert.Empty(sample.Labels);
        Assert.Null(sample.Instance);
        Assert.Equal(1769336131.5, sample.Value);
    }

    [Fact]
    public async Task Warnings_are_kept()
    {
        await using var prometheus = Answering("prometheus/warnings.json");
        using var client = new PrometheusClient(prometheus.Url);

        var result = await client.QueryAsync("x", null, Deadline, CancellationToken.None);

        Assert.StartsWith("PromQL info:", Assert.Single(result.Value!.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Range_query_reads_a_matrix_of_points()
    {
        await using var prometheus = Answering("prometheus/matrix.json");
        using var client = new PrometheusClient(prometheus.Url);
        var end = DateTimeOffset.FromUnixTimeSeconds(1769336101);

        var result = await client.QueryRangeAsync("q", end.AddMinutes(-1), end, TimeSpan.FromSeconds(15), Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(["tikv0:20180", "tikv1:20180"], result.Value.Series.Select(s => s.Instance));
        var points = result.Value.Series[0].Points;
        Assert.Equal([3501.5, 3620.0], points.Take(2).Select(p => p.Value));
        Assert.True(double.IsNaN(points[2].Value));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1769336086), points[1].Timestamp);
        Assert.Equal(
            "/api/v1/query_range?query=q&start=1769336041&end=1769336101&step=15",
            Assert.Single(prometheus.Requests));
    }

    [Fact]
    public async Task Query_is_url_encoded_and_time_sent_in_unix_seconds_under_the_base_path()
    {
        await using var prometheus = Answering("prometheus/empty-vector.json");
        using var client = new PrometheusClient(new Uri(prometheus.Url, "/prom/"));

        await client.QueryAsync("sum(rate(x{job=\"tikv\"}[1m])) by (instance)", DateTimeOffset.FromUnixTimeMilliseconds(1769336131500), Deadline, CancellationToken.None);

        Assert.Equal(
            "/prom/api/v1/query?query=sum%28rate%28x%7Bjob%3D%22tikv%22%7D%5B1m%5D%29%29%20by%20%28instance%29&time=1769336131.5",
            Assert.Single(prometheus.Requests));
    }

    [Theory]
    [InlineData(400, "prometheus/error-bad-data.json", "bad_data", "HTTP 400: bad_data: invalid parameter \"query\": 1:14: parse error: unexpected \"}\" in label matching, expected string")]
    [InlineData(422, "prometheus/error-execution.json", "execution", "HTTP 422: execution: query processing would load too many samples into memory in query execution")]
    [InlineData(503, "prometheus/error-unavailable.json", "unavailable", "HTTP 503: unavailable: Service Unavailable")]
    public async Task Prometheus_error_answers_are_http_errors_with_their_type(int status, string fixture, string errorType, string detail)
    {
        await using var prometheus = FakeHttpServer.Answering(status, Json, Fixture.Text(fixture));
        using var client = new PrometheusClient(prometheus.Url);

        var result = await client.QueryAsync("up{job=\"tikv\"", null, Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.HttpError, result.Failure!.Kind);
        Assert.Equal(status, result.Failure.HttpStatus);
        Assert.Equal(errorType, result.Failure.ErrorCode);
        Assert.Equal($"query {DeadlineHttpClient.Display(prometheus.Url)} for up{{job=\"tikv\": {detail}", result.Failure.Message);
    }

    [Theory]
    [InlineData(404, "text/plain", "404 page not found\n", "HTTP 404 with a body Prometheus does not send")]
    [InlineData(200, "text/html", "<html><body>Grafana</body></html>", "not Prometheus JSON")]
    [InlineData(200, Json, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1769336131""", "not Prometheus JSON")]
    [InlineData(200, Json, """{"status":"success","data":{"resultType":"matrix","result":[]}}""", "expected a vector, got resultType matrix")]
    [InlineData(200, Json, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1769336131,1]}]}}""", "value is not a [time, \"value\"] pair")]
    [InlineData(200, Json, """{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1769336131,"fast"]}]}}""", "has a value that is not a number: \"fast\"")]
    [InlineData(200, Json, """{"status":"success","data":{"resultType":"vector"}}""", "result is missing")]
    [InlineData(200, Json, """{"data":{"resultType":"vector","result":[]}}""", "not a Prometheus API answer")]
    [InlineData(200, Json, """[]""", "not a Prometheus API answer")]
    public async Task Answers_prometheus_would_not_send_are_garbage_naming_the_url(int status, string contentType, string body, string expected)
    {
        await using var prometheus = FakeHttpServer.Answering(status, contentType, body);
        using var client = new PrometheusClient(prometheus.Url);

        var result = await client.QueryAsync("up", null, Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Garbage, result.Failure!.Kind);
        Assert.StartsWith($"query {DeadlineHttpClient.Display(prometheus.Url)} for up: ", result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prometheus_down_is_refused_naming_the_url()
    {
        var url = FakeHttpServer.RefusingUrl();
        using var client = new PrometheusClient(url);

        var result = await client.QueryAsync("up{job=\"tikv\"}", null, Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Refused, result.Failure!.Kind);
        Assert.Equal($"query http://127.0.0.1:{url.Port} for up{{job=\"tikv\"}}: connection refused", result.Failure.Message);
    }

    [Theory]
    [InlineData("NaN", double.NaN)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("0.0123", 0.0123)]
    [InlineData("1e+308", 1e308)]
    [InlineData("-2", -2.0)]
    public void Prometheus_value_strings_parse_invariantly(string text, double expected) => Assert.Equal(expected, PromValue.Parse(text));

    [Theory]
    [InlineData("fast")]
    [InlineData("1,5")]
    [InlineData("")]
    [InlineData("Infinity")]
    public void Other_value_strings_are_not_numbers(string text) => Assert.Null(PromValue.Parse(text));

    private static FakeHttpServer Answering(string fixture) => FakeHttpServer.Answering(200, Json, Fixture.Text(fixture));
}
