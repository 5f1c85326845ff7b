using Operator.TiKV.Prometheus;

namespace Operator.TiKV.Tests.Prometheus;

public sealed class TikvQueriesTests
{
    private readonly TikvQueries _queries = new();

    [Fact]
    public void P99s_aggregate_buckets_by_le_and_instance_before_the_quantile()
    {
        Assert.Equal(
            "histogram_quantile(0.99, sum(rate(tikv_grpc_msg_duration_seconds_bucket{job=\"tikv\",type!=\"kv_gc\"}[1m])) by (le, instance))",
            _queries.GrpcP99);
        Assert.Equal(
            "histogram_quantile(0.99, sum(rate(tikv_storage_engine_async_request_duration_seconds_bucket{job=\"tikv\",type=\"write\"}[1m])) by (le, instance))",
            _queries.WriteP99);
        Assert.Equal(
            "histogram_quantile(0.99, sum(rate(tikv_raftstore_request_wait_time_duration_secs_bucket{job=\"tikv\"}[1m])) by (le, instance))",
            _queries.ProposeP99);
        Assert.Contains("tikv_raftstore_commit_log_duration_seconds_bucket{job=\"tikv\"}[1m])) by (le, instance))", _queries.CommitP99, StringComparison.Ordinal);
        Assert.Contains("tikv_raftstore_apply_log_duration_seconds_bucket{job=\"tikv\"}[1m])) by (le, instance))", _queries.ApplyP99, StringComparison.Ordinal);
    }

    [Fact]
    public void Disk_use_is_one_minus_available_over_capacity_as_pd_computes_it()
    {
        Assert.Equal(
            "1 - (sum(tikv_store_size_bytes{job=\"tikv\",type=\"available\"}) by (instance) / sum(tikv_store_size_bytes{job=\"tikv\",type=\"capacity\"}) by (instance))",
            _queries.DiskUsedRatio);
        Assert.DoesNotContain("type=\"used\"", _queries.DiskUsedRatio, StringComparison.Ordinal);
    }

    [Fact]
    public void Dashboard_queries_for_qps_cpu_leaders_regions_leader_missing_and_up()
    {
        Assert.Equal("sum(rate(tikv_grpc_msg_duration_seconds_count{job=\"tikv\",type!=\"kv_gc\"}[1m])) by (instance)", _queries.Qps);
        Assert.Equal("sum(rate(process_cpu_seconds_total{job=\"tikv\"}[1m])) by (instance)", _queries.CpuCores);
        Assert.Equal("sum(tikv_raftstore_region_count{job=\"tikv\",type=\"leader\"}) by (instance)", _queries.LeaderCount);
        Assert.Equal("sum(tikv_raftstore_region_count{job=\"tikv\",type=\"region\"}) by (instance)", _queries.RegionCount);
        Assert.Equal("sum(tikv_raftstore_leader_missing{job=\"tikv\"}) by (instance)", _queries.LeaderMissing);
        Assert.Equal("up{job=\"tikv\"}", _queries.Up);
    }

    [Fact]
    public void Every_query_keeps_the_instance_label_and_has_a_unique_reading_name()
    {
        Assert.Equal(12, _queries.All.Count);
        Assert.Equal(_queries.All.Count, _queries.All.Select(q => q.Name).Distinct().Count());
        Assert.All(_queries.All, q => Assert.True(
            q.PromQl.EndsWith("by (instance)", StringComparison.Ordinal)
            || q.PromQl.EndsWith("by (le, instance))", StringComparison.Ordinal)
            || q.PromQl.EndsWith("by (instance))", StringComparison.Ordinal)
            || q.PromQl == _queries.Up,
            q.PromQl));
        Assert.Contains(_queries.All, q => q.Name == TikvReadings.GrpcP99Seconds && q.PromQl == _queries.GrpcP99);
        Assert.Contains(_queries.All, q => q.Name == TikvQueries.ScrapeUp && q.PromQl == _queries.Up);
    }

    [Fact]
    public void Job_and_window_can_be_changed_but_not_injected()
    {
        var custom = new TikvQueries(job: "tikv-prod", window: "2m");

        Assert.Equal("up{job=\"tikv-prod\"}", custom.Up);
        Assert.Contains("[2m]", custom.GrpcP99, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new TikvQueries(job: "tikv\"} or vector(1"));
        Assert.Throws<ArgumentException>(() => new TikvQueries(window: "1m]"));
    }
}
