using System.Text.RegularExpressions;

namespace Operator.TiKV.Prometheus;

/// <summary>
/// The PromQL the TiKV subject reads, as in the official TiKV dashboard (tikv_details) with Grafana's template
/// selectors replaced by the scrape job and a fixed window. Every query keeps the <c>instance</c> label (the TiKV
/// status address), so results join to PD stores on <c>status_address</c>; p99s are
/// <c>histogram_quantile(0.99, sum(rate(…_bucket[1m])) by (le, instance))</c>, one quantile per store.
/// </summary>
public sealed partial class TikvQueries
{
    /// <summary>Reading name of <c>up{job="tikv"}</c>: 1 when the last scrape of that TiKV worked, 0 when it failed.</summary>
    public const string ScrapeUp = "scrape_up";

    /// <param name="job">Prometheus scrape job of the TiKV status servers.</param>
    /// <param name="window">Rate window; <c>1m</c> is at least four 15 s scrapes.</param>
    public TikvQueries(string job = "tikv", string window = "1m")
    {
        if (!LabelValue().IsMatch(job))
        {
            throw new ArgumentException($"not a plain job name: {job}", nameof(job));
        }

        if (!Window().IsMatch(window))
        {
            throw new ArgumentException($"not a PromQL duration: {window}", nameof(window));
        }

        Job = job;
        var j = $"job=\"{job}\"";
        Qps = $"sum(rate(tikv_grpc_msg_duration_seconds_count{{{j},type!=\"kv_gc\"}}[{window}])) by (instance)";
        GrpcP99 = P99($"tikv_grpc_msg_duration_seconds_bucket{{{j},type!=\"kv_gc\"}}", window);
        WriteP99 = P99($"tikv_storage_engine_async_request_duration_seconds_bucket{{{j},type=\"write\"}}", window);
        ProposeP99 = P99($"tikv_raftstore_request_wait_time_duration_secs_bucket{{{j}}}", window);
        CommitP99 = P99($"tikv_raftstore_commit_log_duration_seconds_bucket{{{j}}}", window);
        ApplyP99 = P99($"tikv_raftstore_apply_log_duration_seconds_bucket{{{j}}}", window);
        DiskUsedRatio = $"1 - (sum(tikv_store_size_bytes{{{j},type=\"available\"}}) by (instance) / sum(tikv_store_size_bytes{{{j},type=\"capacity\"}}) by (instance))";
        CpuCores = $"sum(rate(process_cpu_seconds_total{{{j}}}[{window}])) by (instance)";
        LeaderCount = $"sum(tikv_raftstore_region_count{{{j},type=\"leader\"}}) by (instance)";
        RegionCount = $"sum(tikv_raftstore_region_count{{{j},type=\"region\"}}) by (instance)";
        LeaderMissing = $"sum(tikv_raftstore_leader_missing{{{j}}}) by (instance)";
        Up = $"up{{{j}}}";
        ClusterQps = $"sum(rate(tikv_grpc_msg_duration_seconds_count{{{j},type!=\"kv_gc\"}}[{window}]))";
        ClusterGrpcP99 = $"histogram_quantile(0.99, sum(rate(tikv_grpc_msg_duration_seconds_bucket{{{j},type!=\"kv_gc\"}}[{window}])) by (le))";
        All =
        [
            new(TikvReadings.Qps, Qps),
            new(TikvReadings.GrpcP99Seconds, GrpcP99),
            new(TikvReadings.WriteP99Seconds, WriteP99),
            new(TikvReadings.ProposeP99Seconds, ProposeP99),
            new(TikvReadings.CommitP99Seconds, CommitP99),
            new(TikvReadings.ApplyP99Seconds, ApplyP99),
            new(TikvReadings.DiskUsedRatio, DiskUsedRatio),
            new(TikvReadings.CpuCores, CpuCores),
            new(TikvReadings.LeaderCount, LeaderCount),
            new(TikvReadings.RegionCount, RegionCount),
            new(TikvReadings.LeaderMissing, LeaderMissing),
            new(ScrapeUp, Up),
        ];
    }

    public string Job { get; }

    /// <summary>gRPC messages per second (the dashboard's QPS, summed over message types).</summary>
    public string Qps { get; }

    /// <summary>p99 gRPC message duration, seconds.</summary>
    public string GrpcP99 { get; }

    /// <summary>p99 storage async write duration, seconds.</summary>
    public string WriteP99 { get; }

    /// <summary>p99 raft propose wait, seconds.</summary>
    public string ProposeP99 { get; }

    /// <summary>p99 raft commit log duration, seconds.</summary>
    public string CommitP99 { get; }

    /// <summary>p99 raft apply log duration, seconds.</summary>
    public string ApplyP99 { get; }

    /// <summary><c>1 − available/capacity</c>, the disk use PD's low-space rule sees (not TiKV's data size).</summary>
    public string DiskUsedRatio { get; }

    /// <summary>CPU in cores (1.0 = one core busy).</summary>
    public string CpuCores { get; }

    public string LeaderCount { get; }

    public string RegionCount { get; }

    /// <summary>Regions whose leader has been missing longer than TiKV's abnormal-leader-missing-duration (10 min).</summary>
    public string LeaderMissing { get; }

    /// <summary><c>up{job="tikv"}</c>: the fastest "process gone" signal (one scrape).</summary>
    public string Up { get; }

    /// <summary>gRPC messages per second over every store: the cluster's throughput as TiKV itself counts it.</summary>
    public string ClusterQps { get; }

    /// <summary>p99 gRPC message duration over every store, seconds.</summary>
    public string ClusterGrpcP99 { get; }

    /// <summary>Every query with the reading name its values are filed under.</summary>
    public IReadOnlyList<TikvQuery> All { get; }

    private static string P99(string bucketSelector, string window) =>
        $"histogram_quantile(0.99, sum(rate({bucketSelector}[{window}])) by (le, instance))";

    [GeneratedRegex("^[A-Za-z0-9_.:-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();

    [GeneratedRegex("^[0-9]+(ms|s|m|h|d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Window();
}
