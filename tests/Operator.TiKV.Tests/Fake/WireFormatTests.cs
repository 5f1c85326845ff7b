using Operator.FakeTikv.Prometheus;
using Operator.FakeTikv.Wire;

namespace Operator.TiKV.Tests.Fake;

/// <summary>The Go and Prometheus number, size, time and duration formats the fake writes (tikv-pd.md §1.0, §3.5).</summary>
public sealed class WireFormatTests
{
    [Theory]
    [InlineData(0, "0B")]
    [InlineData(512L << 20, "512MiB")]
    [InlineData(101_208_965, "96.52MiB")]
    [InlineData(10_000_000_000, "9.313GiB")]
    [InlineData(1_757_000_000_000, "1.598TiB")]
    [InlineData(250L << 30, "250GiB")]
    [InlineData(1023, "1023B")]
    [InlineData(1024, "1KiB")]
    public void Byte_sizes_are_go_units_binary_strings_without_a_space(long bytes, string expected) =>
        Assert.Equal(expected, GoUnits.BytesSize(bytes));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(18_000_000_000, "30m0s")]
    [InlineData(36_000_000_000, "1h0m0s")]
    [InlineData(100_000, "10ms")]
    [InlineData(9_294_567_891, "15m29.4567891s")]
    [InlineData(150, "15µs")]
    [InlineData(610_000_000, "1m1s")]
    public void Durations_are_go_duration_strings(long ticks, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromTicks(ticks)));

    [Fact]
    public void Timestamps_are_rfc3339_with_trailing_zeros_trimmed()
    {
        var at = new DateTimeOffset(2026, 1, 25, 10, 15, 1, TimeSpan.Zero);

        Assert.Equal("2026-01-25T10:15:01Z", GoTime.Rfc3339Nano(at));
        Assert.Equal("2026-01-25T10:15:01.45Z", GoTime.Rfc3339Nano(at.AddMilliseconds(450)));
        Assert.Equal(1769336101450000000, GoTime.UnixNanoseconds(at.AddMilliseconds(450)));
    }

    [Theory]
    [InlineData(0.0123, "0.0123")]
    [InlineData(1e-5, "0.00001")]
    [InlineData(1e21, "1000000000000000000000")]
    [InlineData(2.0, "2")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(-2.5e-7, "-0.00000025")]
    public void Prometheus_values_are_shortest_decimal_strings(double value, string expected) =>
        Assert.Equal(expected, PromFloat.Value(value));

    [Theory]
    [InlineData(1769336131123, "1769336131.123")]
    [InlineData(1769336131000, "1769336131")]
    [InlineData(1769336131050, "1769336131.050")]
    public void Prometheus_timestamps_are_seconds_with_milliseconds(long ms, string expected) =>
        Assert.Equal(expected, PromFloat.Timestamp(ms));

    [Theory]
    [InlineData(0.0042)]
    [InlineData(0.25)]
    [InlineData(0.00001)]
    [InlineData(3.5)]
    [InlineData(0.000015)]
    public void Latency_buckets_give_back_the_target_p99_through_histogram_quantile(double p99)
    {
        var cumulative = LatencyHistogram.CumulativeRates(800, p99);
        var buckets = cumulative.Select((count, k) => (k < LatencyHistogram.Bounds.Count ? LatencyHistogram.Bounds[k] : double.PositiveInfinity, count)).ToList();

        Assert.Equal(p99, HistogramQuantile.Compute(0.99, buckets), 12);
        Assert.True(double.IsNaN(HistogramQuantile.Compute(0.99, LatencyHistogram.CumulativeRates(0, p99).Select((c, k) => (k < LatencyHistogram.Bounds.Count ? LatencyHistogram.Bounds[k] : double.PositiveInfinity, c)).ToList())));
    }

    [Theory]
    [InlineData("up{job=\"tikv\"} == 0")]
    [InlineData("histogram_quantile(0.99, sum by (instance, le) (rate(tikv_grpc_msg_duration_seconds_bucket{job=\"tikv\",type!=\"kv_gc\"}[1m])))")]
    [InlineData("sum(rate(tikv_grpc_msg_duration_seconds_count{type!=\"kv_gc\"}[1m])) by (instance, type)")]
    [InlineData("1 - (a{type=\"available\"} / ignoring(type) a{type=\"capacity\"})")]
    [InlineData("time() - process_start_time_seconds{job=~\".*tikv\"}")]
    [InlineData("sum(delta(tikv_raftstore_region_count{type=\"leader\"}[30s])) by (instance) < 1")]
    public void Dashboard_style_promql_parses(string query) => Assert.NotNull(PromParser.Parse(query));

    [Theory]
    [InlineData("rate(x[$__rate_interval])")]
    [InlineData("x offset 5m")]
    [InlineData("a and b")]
    [InlineData("sum(x")]
    [InlineData("a / on(instance) group_left b")]
    public void Promql_outside_the_subset_is_refused(string query) =>
        Assert.Throws<UnsupportedQueryException>(() => PromParser.Parse(query));
}
