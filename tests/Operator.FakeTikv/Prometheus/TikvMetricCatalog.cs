using Operator.FakeTikv.Tikv;

namespace Operator.FakeTikv.Prometheus;

/// <summary>
/// The series one TiKV exports on its status server's <c>/metrics</c> (labels without <c>instance</c>/<c>job</c>,
/// which Prometheus adds), derived from the store's <see cref="StoreStatusValues"/> and <see cref="StoreMetricValues"/>.
/// Traffic is RawKV, as go-ycsb's default: 60 % <c>raw_get</c>, 40 % <c>raw_put</c>.
/// </summary>
public static class TikvMetricCatalog
{
    private const double ReadShare = 0.6;
    private const double WriteShare = 0.4;
    private const double SnapshotP99Seconds = 0.0009;

    private static readonly Histogram[] Histograms =
    [
        new("tikv_grpc_msg_duration_seconds", [(LabelSet.Of(("priority", "normal"), ("type", "raw_get")), ReadShare), (LabelSet.Of(("priority", "normal"), ("type", "raw_put")), WriteShare)], m => m.GrpcP99Seconds),
        new("tikv_storage_engine_async_request_duration_seconds", [(LabelSet.Of(("type", "write")), WriteShare)], m => m.WriteP99Seconds),
        new("tikv_storage_engine_async_request_duration_seconds", [(LabelSet.Of(("type", "snapshot")), ReadShare)], _ => SnapshotP99Seconds),
        new("tikv_raftstore_append_log_duration_seconds", [(LabelSet.Empty, WriteShare)], m => m.AppendLogP99Seconds),
        new("tikv_raftstore_commit_log_duration_seconds", [(LabelSet.Empty, WriteShare)], m => m.CommitLogP99Seconds),
        new("tikv_raftstore_apply_log_duration_seconds", [(LabelSet.Empty, WriteShare)], m => m.ApplyLogP99Seconds),
        new("tikv_raftstore_request_wait_time_duration_secs", [(LabelSet.Empty, WriteShare)], m => m.ProposeWaitP99Seconds),
        new("tikv_raftstore_apply_wait_time_duration_secs", [(LabelSet.Empty, WriteShare)], m => m.ApplyWaitP99Seconds),
    ];

    /// <summary>Every metric name a TiKV exports here, histogram parts included.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(
        Histograms.SelectMany(h => new[] { h.Family + "_bucket", h.Family + "_count", h.Family + "_sum" })
            .Concat(
            [
                "tikv_storage_command_total", "tikv_grpc_msg_fail_total", "tikv_store_size_bytes", "tikv_raftstore_region_count",
                "tikv_raftstore_leader_missing", "tikv_raftstore_slow_score", "process_cpu_seconds_total",
                "process_resident_memory_bytes", "process_start_time_seconds",
            ]),
        StringComparer.Ordinal);

    /// <summary>
    /// The store's series called <paramref name="name"/> at <paramref name="now"/>, always in the same order, as the
    /// store exports them (Prometheus then adds <c>instance</c> and <c>job</c>).
    /// </summary>
    public static IEnumerable<MetricSeries> Series(string name, StoreSnapshot store, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(store);
        var metrics = store.Metrics;
        var status = store.Status;
        var uptime = Math.Max(0, (now - store.StartedAt).TotalSeconds);
        var qps = metrics.Idle ? 0 : metrics.Qps;
        switch (name)
        {
            case "tikv_storage_command_total":
                yield return Counter(name, LabelSet.Of(("type", "raw_get")), qps * ReadShare, uptime);
                yield return Counter(name, LabelSet.Of(("type", "raw_put")), qps * WriteShare, uptime);
                yield break;
            case "tikv_grpc_msg_fail_total":
                yield return Counter(name, LabelSet.Of(("type", "raw_get")), 0, uptime);
                yield break;
            case "tikv_store_size_bytes":
                yield return Gauge(name, LabelSet.Of(("type", "capacity")), status.CapacityBytes);
                yield return Gauge(name, LabelSet.Of(("type", "available")), status.AvailableBytes);
                yield return Gauge(name, LabelSet.Of(("type", "used")), status.UsedBytes);
                yield break;
            case "tikv_raftstore_region_count":
                yield return Gauge(name, LabelSet.Of(("type", "region")), status.RegionCount);
                yield return Gauge(name, LabelSet.Of(("type", "leader")), status.LeaderCount);
                yield break;
            case "tikv_raftstore_leader_missing":
                yield return Gauge(name, LabelSet.Empty, metrics.LeaderMissing);
                yield break;
            case "tikv_raftstore_slow_score":
                yield return Gauge(name, LabelSet.Of(("type", "raft")), status.SlowScore);
                yield return Gauge(name, LabelSet.Of(("type", "kvdb")), 1);
                yield return Gauge(name, LabelSet.Of(("type", "network")), 1);
                yield break;
            case "process_cpu_seconds_total":
                yield return Counter(name, LabelSet.Empty, metrics.CpuCores, uptime);
                yield break;
            case "process_resident_memory_bytes":
                yield return Gauge(name, LabelSet.Empty, metrics.ResidentMemoryBytes);
                yield break;
            case "process_start_time_seconds":
                yield return Gauge(name, LabelSet.Empty, store.StartedAt.ToUnixTimeSeconds());
                yield break;
        }

        foreach (var histogram in Histograms)
        {
            foreach (var series in histogram.Series(name, qps, metrics, uptime))
            {
                yield return series;
            }
        }
    }

    private static MetricSeries Gauge(string name, LabelSet labels, double value) => new(labels.With(LabelSet.MetricName, name), value, 0);

    private static MetricSeries Counter(string name, LabelSet labels, double rate, double uptimeSeconds) =>
        new(labels.With(LabelSet.MetricName, name), rate * uptimeSeconds, rate);

    /// <summary>One histogram family with its label variants, each carrying a share of the store's request rate.</summary>
    private sealed class Histogram
    {
        private readonly (LabelSet Labels, double Share)[] _variants;
        private readonly Func<StoreMetricValues, double> _p99;

        // Label sets of every bucket, built once: a query over a thousand stores would otherwise rebuild them all.
        private readonly LabelSet[][] _buckets;

        public Histogram(string family, (LabelSet Labels, double Share)[] variants, Func<StoreMetricValues, double> p99)
        {
            Family = family;
            _variants = variants;
            _p99 = p99;
            _buckets = variants
                .Select(v => Enumerable.Range(0, LatencyHistogram.Bounds.Count + 1)
                    .Select(k => v.Labels.With("le", LatencyHistogram.Le(k)).With(LabelSet.MetricName, family + "_bucket"))
                    .ToArray())
                .ToArray();
        }

        public string Family { get; }

        public IEnumerable<MetricSeries> Series(string name, double qps, StoreMetricValues metrics, double uptime)
        {
            var part = name.StartsWith(Family + "_", StringComparison.Ordinal) ? name[(Family.Length + 1)..] : null;
            if (part is not ("bucket" or "count" or "sum"))
            {
                yield break;
            }

            var p99 = _p99(metrics);
            for (var v = 0; v < _variants.Length; v++)
            {
                var (labels, share) = _variants[v];
                var rate = qps * share;
                switch (part)
                {
                    case "count":
                        yield return Counter(name, labels, rate, uptime);
                        break;
                    case "sum":
                        // Latencies are skewed: the mean sits well below the p99.
                        yield return Counter(name, labels, rate * p99 / 4, uptime);
                        break;
                    default:
                        var cumulative = LatencyHistogram.CumulativeRates(rate, p99);
                        for (var k = 0; k < cumulative.Length; k++)
                        {
                            yield return new MetricSeries(_buckets[v][k], cumulative[k] * uptime, cumulative[k]);
                        }

                        break;
                }
            }
        }
    }
}
