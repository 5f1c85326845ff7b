using Operator.Core.Http;
using Operator.Testing;
using Operator.TiKV.Prometheus;
using Operator.TiKV.Tests.Fixtures;

namespace Operator.TiKV.Tests.Prometheus;

/// <summary>The reader against a fake Prometheus that answers by query: readings per store, and graceful degradation.</summary>
public sealed class TikvMetricsReaderTests
{
    private const string Json = "application/json";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private static readonly TikvQueries Queries = new();

    [Fact]
    public async Task Readings_are_filed_per_store_status_address()
    {
        await using var prometheus = Serve(new Dictionary<string, string>
        {
            [Queries.Up] = Fixture.Text("prometheus/up.json"),
            [Queries.Qps] = Fixture.Text("prometheus/qps.json"),
            [Queries.GrpcP99] = Fixture.Text("prometheus/grpc-p99.json"),
            [Queries.DiskUsedRatio] = Fixture.Text("prometheus/disk.json"),
        });
        using var client = new PrometheusClient(prometheus.Url);

        var metrics = await new TikvMetricsReader(client).ReadAsync(Deadline, CancellationToken.None);

        Assert.True(metrics.Available, metrics.Unavailable);
        Assert.Empty(metrics.Problems);
        Assert.Equal(12, prometheus.Requests.Count);
        Assert.Equal(["tikv0:20180", "tikv1:20180", "tikv2:20180"], metrics.Stores.Keys.Order());

        var tikv0 = metrics.ForStore("tikv0:20180")!;
        Assert.Equal(1, tikv0.Get(TikvQueries.ScrapeUp));
        Assert.Equal(3763.4, tikv0.Get(TikvReadings.Qps));
        Assert.Equal(0.0123, tikv0.Get(TikvReadings.GrpcP99Seconds));
        Assert.Equal(0.2504, tikv0.Get(TikvReadings.DiskUsedRatio));
        Assert.Null(tikv0.Get(TikvReadings.CpuCores)); // that query had no series

        var tikv1 = metrics.ForStore("tikv1:20180")!;
        Assert.Equal(0, tikv1.Get(TikvQueries.ScrapeUp));
        Assert.Null(tikv1.Get(TikvReadings.Qps));
        Assert.Null(tikv1.Get(TikvReadings.GrpcP99Seconds)); // NaN: an idle histogram window is no reading

        Assert.Equal(double.PositiveInfinity, metrics.ForStore("tikv2:20180")!.Get(TikvReadings.GrpcP99Seconds));
    }

    [Fact]
    public async Task Stores_are_never_keyed_by_their_grpc_address()
    {
        await using var prometheus = Serve(new Dictionary<string, string> { [Queries.Up] = Fixture.Text("prometheus/up.json") });
        using var client = new PrometheusClient(prometheus.Url);

        var metrics = await new TikvMetricsReader(client).ReadAsync(Deadline, CancellationToken.None);

        Assert.NotNull(metrics.ForStore("tikv0:20180"));
        Assert.Null(metrics.ForStore("tikv0:20160"));
    }

    [Fact]
    public async Task Prometheus_down_degrades_to_metrics_unavailable_naming_the_url()
    {
        var url = FakeHttpServer.RefusingUrl();
        using var client = new PrometheusClient(url);

        var metrics = await new TikvMetricsReader(client).ReadAsync(Deadline, CancellationToken.None);

        Assert.False(metrics.Available);
        Assert.Equal($"metrics unavailable: no query to http://127.0.0.1:{url.Port} answered: connection refused", metrics.Unavailable);
        Assert.Empty(metrics.Stores);
        Assert.Equal(12, metrics.Problems.Count);
    }

    [Fact]
    public async Task Prometheus_hung_degrades_within_the_one_deadline()
    {
        await using var hung = FakeHttpServer.Silent();
        using var client = new PrometheusClient(hung.Url);

        var metrics = await new TikvMetricsReader(client).ReadAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);

        Assert.False(metrics.Available);
        Assert.Equal($"metrics unavailable: no query to {DeadlineHttpClient.Display(hung.Url)} answered: no answer within 500 ms", metrics.Unavailable);
    }

    [Fact]
    public async Task Something_else_at_the_url_degrades_with_its_first_answer()
    {
        await using var grafana = FakeHttpServer.Answering(200, "text/html", "<html><body>Grafana</body></html>");
        using var client = new PrometheusClient(grafana.Url);

        var metrics = await new TikvMetricsReader(client).ReadAsync(Deadline, CancellationToken.None);

        Assert.False(metrics.Available);
        Assert.StartsWith($"metrics unavailable: no query to {DeadlineHttpClient.Display(grafana.Url)} answered: ", metrics.Unavailable, StringComparison.Ordinal);
        Assert.Contains("not Prometheus JSON", metrics.Unavailable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failing_queries_leave_the_others_readings_and_are_listed()
    {
        await using var prometheus = FakeHttpServer.Routing(target =>
        {
            var query = QueryOf(target);
            return query == Queries.GrpcP99
                ? FakeHttpServer.Response(400, Json, Fixture.Text("prometheus/error-bad-data.json"))
                : query == Queries.CpuCores
                    ? FakeHttpServer.Response(503, Json, Fixture.Text("prometheus/error-unavailable.json"))
                    : FakeHttpServer.Response(200, Json, Fixture.Text(query == Queries.Up ? "prometheus/up.json" : "prometheus/qps.json"));
        });
        using var client = new PrometheusClient(prometheus.Url);

        var metrics = await new TikvMetricsReader(client).ReadAsync(Deadline, CancellationToken.None);

        Assert.True(metrics.Available, metrics.Unavailable);
        Assert.Equal(
            [
                $"{TikvReadings.GrpcP99Seconds}: HTTP 400: bad_data: invalid parameter \"query\": 1:14: parse error: unexpected \"}}\" in label matching, expected string",
                $"{TikvReadings.CpuCores}: HTTP 503: unavailable: Service Unavailable",
            ],
            metrics.Problems);
        Assert.Equal(3763.4, metrics.ForStore("tikv0:20180")!.Get(TikvReadings.Qps));
        Assert.Null(metrics.ForStore("tikv0:20180")!.Get(TikvReadings.GrpcP99Seconds));
    }

    [Fact]
    public async Task Every_query_failing_differently_names_the_first_and_counts_the_rest()
    {
        var n = 0;
        await using var prometheus = FakeHttpServer.Routing(_ => FakeHttpServer.Response(
            400, Json, $$"""{"status":"error","errorType":"bad_data","error":"error {{Interlocked.Increment(ref n)}}"}"""));
        using var client = new PrometheusClient(prometheus.Url);

        var metrics = await new TikvMetricsReader(client).ReadAsync(Deadline, CancellationToken.None);

        Assert.False(metrics.Available);
        Assert.Matches(
            $"^metrics unavailable: no query to {System.Text.RegularExpressions.Regex.Escape(DeadlineHttpClient.Display(prometheus.Url))} answered: qps: HTTP 400: bad_data: error [0-9]+ \\(and 11 more\\)$",
            metrics.Unavailable);
    }

    [Fact]
    public async Task Prometheus_without_tikv_targets_says_so()
    {
        await using var prometheus = Serve(new Dictionary<string, string>());
        using var client = new PrometheusClient(prometheus.Url);

        var metrics = await new TikvMetricsReader(client).ReadAsync(Deadline, CancellationToken.None);

        Assert.True(metrics.Available);
        Assert.Empty(metrics.Stores);
        Assert.Equal($"{TikvQueries.ScrapeUp}: Prometheus has no up{{job=\"tikv\"}} series: it scrapes no TiKV under job \"tikv\"", Assert.Single(metrics.Problems));
    }

    // Answers /api/v1/query by its PromQL; queries not listed get an empty vector.
    private static FakeHttpServer Serve(Dictionary<string, string> answers) =>
        FakeHttpServer.Routing(target => FakeHttpServer.Response(200, Json, answers.GetValueOrDefault(QueryOf(target)) ?? Fixture.Text("prometheus/empty-vector.json")));

    private static string QueryOf(string target)
    {
        var query = target[(target.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&').Single(p => p.StartsWith("query=", StringComparison.Ordinal));
        return Uri.UnescapeDataString(query["query=".Length..]);
    }
}
