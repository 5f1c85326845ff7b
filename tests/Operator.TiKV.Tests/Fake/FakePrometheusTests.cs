using System.Globalization;
using System.Text.Json;
using Operator.FakeTikv;
using Operator.FakeTikv.Prometheus;

namespace Operator.TiKV.Tests.Fake;

/// <summary>The fake Prometheus answers the operator's PromQL (tikv-pd.md §3.3) per store, joined on instance = status_address.</summary>
public sealed class FakePrometheusTests
{
    private const string P99Grpc = "histogram_quantile(0.99, sum by (instance, le) (rate(tikv_grpc_msg_duration_seconds_bucket{job=\"tikv\",type!=\"kv_gc\"}[1m])))";
    private const string Qps = "sum by (instance) (rate(tikv_grpc_msg_duration_seconds_count{job=\"tikv\",type!=\"kv_gc\"}[1m]))";

    [Fact]
    public async Task Up_lists_every_store_by_status_address_and_is_0_for_a_killed_one()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        cluster.Store(4).Kill();

        var result = await QueryAsync(http, cluster, "up{job=\"tikv\"}");

        var byInstance = Vector(result);
        Assert.Equal(cluster.Stores.Select(s => s.StatusAddress).Order(), byInstance.Keys.Order());
        Assert.Equal(0, byInstance[cluster.Store(4).StatusAddress]);
        Assert.Equal(1, byInstance[cluster.Store(1).StatusAddress]);
        var sample = result.GetProperty("data").GetProperty("result")[0];
        Assert.Equal("up", sample.GetProperty("metric").GetProperty("__name__").GetString());
        Assert.Equal("tikv", sample.GetProperty("metric").GetProperty("job").GetString());
        Assert.Equal(JsonValueKind.Number, sample.GetProperty("value")[0].ValueKind);
        Assert.Equal(JsonValueKind.String, sample.GetProperty("value")[1].ValueKind);
    }

    [Fact]
    public async Task Grpc_p99_per_store_is_the_configured_latency_and_nan_when_idle()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        cluster.Store(4).Metrics = cluster.Store(4).Metrics with { GrpcP99Seconds = 0.25 };
        cluster.Store(5).Metrics = cluster.Store(5).Metrics with { Idle = true };

        var result = await QueryAsync(http, cluster, P99Grpc);

        var p99 = Vector(result);
        Assert.Equal(0.25, p99[cluster.Store(4).StatusAddress], 9);
        Assert.Equal(0.0042, p99[cluster.Store(1).StatusAddress], 9);
        Assert.True(double.IsNaN(p99[cluster.Store(5).StatusAddress]));
        Assert.Contains("\"NaN\"", result.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(["instance"], result.GetProperty("data").GetProperty("result")[0].GetProperty("metric").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Answers_follow_scenario_changes_between_queries()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        var store = cluster.Store(4);

        var before = Vector(await QueryAsync(http, cluster, P99Grpc));
        store.Metrics = store.Metrics with { GrpcP99Seconds = 1.5 };
        var slower = Vector(await QueryAsync(http, cluster, P99Grpc));
        store.Kill();
        var killed = Vector(await QueryAsync(http, cluster, P99Grpc));
        store.Restart();
        var restarted = Vector(await QueryAsync(http, cluster, P99Grpc));

        Assert.Equal(0.0042, before[store.StatusAddress], 9);
        Assert.Equal(1.5, slower[store.StatusAddress], 9);
        Assert.False(killed.ContainsKey(store.StatusAddress));
        Assert.Equal(1.5, restarted[store.StatusAddress], 9);
    }

    [Theory]
    [InlineData("tikv_storage_engine_async_request_duration_seconds_bucket{job=\"tikv\",type=\"write\"}", "write")]
    [InlineData("tikv_raftstore_commit_log_duration_seconds_bucket{job=\"tikv\"}", "commit")]
    [InlineData("tikv_raftstore_apply_log_duration_seconds_bucket{job=\"tikv\"}", "apply")]
    [InlineData("tikv_raftstore_request_wait_time_duration_secs_bucket{job=\"tikv\"}", "propose")]
    public async Task Raft_and_write_p99_queries_answer_their_own_histograms(string selector, string which)
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        var store = cluster.Store(1);
        store.Metrics = which switch
        {
            "write" => store.Metrics with { WriteP99Seconds = 0.7 },
            "commit" => store.Metrics with { CommitLogP99Seconds = 0.7 },
            "apply" => store.Metrics with { ApplyLogP99Seconds = 0.7 },
            _ => store.Metrics with { ProposeWaitP99Seconds = 0.7 },
        };

        var result = await QueryAsync(http, cluster, $"histogram_quantile(0.99, sum by (instance, le) (rate({selector}[1m])))");

        var p99 = Vector(result);
        Assert.Equal(0.7, p99[store.StatusAddress], 9);
        Assert.True(p99[cluster.Store(4).StatusAddress] < 0.01);
    }

    [Fact]
    public async Task Qps_cpu_and_disk_use_come_per_store_and_a_killed_store_has_no_samples()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        var store = cluster.Store(5);
        store.Metrics = store.Metrics with { Qps = 1234.5, CpuCores = 1.75 };
        store.Status = store.Status with { CapacityBytes = 100L << 30, AvailableBytes = 25L << 30 };
        cluster.Store(4).Kill();

        var qps = Vector(await QueryAsync(http, cluster, Qps));
        var cpu = Vector(await QueryAsync(http, cluster, "rate(process_cpu_seconds_total{job=\"tikv\"}[1m])"));
        var disk = Vector(await QueryAsync(http, cluster, "1 - (tikv_store_size_bytes{job=\"tikv\",type=\"available\"} / ignoring(type) tikv_store_size_bytes{job=\"tikv\",type=\"capacity\"})"));

        Assert.Equal(1234.5, qps[store.StatusAddress], 9);
        Assert.Equal(1.75, cpu[store.StatusAddress], 9);
        Assert.Equal(0.75, disk[store.StatusAddress], 9);
        Assert.False(qps.ContainsKey(cluster.Store(4).StatusAddress));
        Assert.Equal(2, disk.Count);
    }

    [Fact]
    public async Task Vector_matching_follows_promql_so_differing_type_labels_do_not_match()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();

        // One-to-one matching uses every label but the name: type="available" never meets type="capacity".
        var unmatched = await QueryAsync(http, cluster, "1 - (tikv_store_size_bytes{job=\"tikv\",type=\"available\"} / tikv_store_size_bytes{job=\"tikv\",type=\"capacity\"})");
        var summed = await QueryAsync(http, cluster, "sum by (instance) (tikv_store_size_bytes{type=\"used\"}) / sum by (instance) (tikv_store_size_bytes{type=\"capacity\"})");

        Assert.Empty(Vector(unmatched));
        Assert.Equal(3, Vector(summed).Count);
        Assert.Empty(cluster.Prometheus.Queries.Unknown);
    }

    [Fact]
    public async Task Quantile_without_sum_by_le_gives_one_series_per_grpc_type()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();

        var result = await QueryAsync(http, cluster, "histogram_quantile(0.99, rate(tikv_grpc_msg_duration_seconds_bucket[1m]))");

        var series = result.GetProperty("data").GetProperty("result").EnumerateArray().ToList();
        Assert.Equal(6, series.Count);
        Assert.All(series, s => Assert.True(s.GetProperty("metric").TryGetProperty("type", out _)));
    }

    [Fact]
    public async Task Unknown_queries_get_an_empty_vector_and_are_recorded()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();

        var unknownMetric = await QueryAsync(http, cluster, "tikv_not_a_metric{job=\"tikv\"}");
        var grafanaOnly = await QueryAsync(http, cluster, "sum(rate(tikv_grpc_msg_duration_seconds_count[$__rate_interval]))");

        Assert.Empty(Vector(unknownMetric));
        Assert.Empty(Vector(grafanaOnly));
        Assert.Equal(
            ["sum(rate(tikv_grpc_msg_duration_seconds_count[$__rate_interval]))", "tikv_not_a_metric{job=\"tikv\"}"],
            cluster.Prometheus.Queries.Unknown.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, cluster.Prometheus.Queries.CountOf("tikv_not_a_metric{job=\"tikv\"}"));
    }

    [Fact]
    public async Task Post_form_query_range_and_scalars_answer_in_prometheus_shapes()
    {
        var clock = new ManualClock();
        await using var cluster = FakeTikvCluster.Start(time: clock);
        using var http = new FakeHttp();
        var now = clock.GetUtcNow().ToUnixTimeSeconds();

        using var form = new FormUrlEncodedContent([new("query", "up{job=\"pd\"} == 1")]);
        using var post = new HttpRequestMessage(HttpMethod.Post, cluster.Prometheus.Url + "/api/v1/query") { Content = form };
        using var posted = await http.SendAsync(post, HttpCompletionOption.ResponseContentRead);
        var pdUp = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement;
        var range = await http.GetJsonAsync($"{cluster.Prometheus.Url}/api/v1/query_range?query={Uri.EscapeDataString(Qps)}&start={now - 60}&end={now}&step=15s");
        var scalar = await QueryAsync(http, cluster, "1 + 1");
        var tooMany = await http.GetAsync($"{cluster.Prometheus.Url}/api/v1/query_range?query=up&start=0&end={now}&step=1");

        Assert.Equal(3, Vector(pdUp).Count);
        Assert.Equal("matrix", range.GetProperty("data").GetProperty("resultType").GetString());
        Assert.All(range.GetProperty("data").GetProperty("result").EnumerateArray(), s => Assert.Equal(5, s.GetProperty("values").GetArrayLength()));
        Assert.Equal("scalar", scalar.GetProperty("data").GetProperty("resultType").GetString());
        Assert.Equal("2", scalar.GetProperty("data").GetProperty("result")[1].GetString());
        Assert.Equal(400, tooMany.Status);
        Assert.Equal("bad_data", tooMany.Json.GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task Failing_down_and_restored_prometheus()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        var url = $"{cluster.Prometheus.Url}/api/v1/query?query=up";

        cluster.Prometheus.FailQueries();
        var failing = await http.GetAsync(url);
        cluster.Prometheus.GoDown();
        var refused = await http.IsRefusedAsync(url);
        cluster.Prometheus.Restore();
        var restored = await http.GetAsync(url);
        var missingQuery = await http.GetAsync($"{cluster.Prometheus.Url}/api/v1/query");

        Assert.Equal(503, failing.Status);
        Assert.Equal("error", failing.Json.GetProperty("status").GetString());
        Assert.Equal("timeout", failing.Json.GetProperty("errorType").GetString());
        Assert.True(refused);
        Assert.Equal(200, restored.Status);
        Assert.Equal(PrometheusMode.Up, cluster.Prometheus.Mode);
        Assert.Equal((400, "bad_data"), (missingQuery.Status, missingQuery.Json.GetProperty("errorType").GetString()));
        Assert.Equal(200, (await http.GetAsync(cluster.Prometheus.Url + "/-/ready")).Status);
    }

    [Fact]
    public async Task Pd_region_health_comes_from_the_leader_only()
    {
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { RegionCount = 100, MissPeerRegions = 7 });
        using var http = new FakeHttp();

        var result = await QueryAsync(http, cluster, "sum(pd_regions_status{type=\"miss-peer-region-count\"}) by (type)");
        var role = await QueryAsync(http, cluster, "service_member_role{service=\"PD\"} == 1");

        Assert.Equal(7, Vector(result, "type")["miss-peer-region-count"]);
        Assert.Equal(cluster.Pd.Leader!.Port.ToString(CultureInfo.InvariantCulture), Assert.Single(Vector(role).Keys).Split(':')[1]);
    }

    private static Task<JsonElement> QueryAsync(FakeHttp http, FakeTikvCluster cluster, string query) =>
        http.GetJsonAsync($"{cluster.Prometheus.Url}/api/v1/query?query={Uri.EscapeDataString(query)}");

    private static Dictionary<string, double> Vector(JsonElement response, string key = "instance")
    {
        Assert.Equal("success", response.GetProperty("status").GetString());
        Assert.Equal("vector", response.GetProperty("data").GetProperty("resultType").GetString());
        return response.GetProperty("data").GetProperty("result").EnumerateArray().ToDictionary(
            s => s.GetProperty("metric").GetProperty(key).GetString()!,
            s => s.GetProperty("value")[1].GetString() switch
            {
                "NaN" => double.NaN,
                var v => double.Parse(v!, CultureInfo.InvariantCulture),
            });
    }
}
