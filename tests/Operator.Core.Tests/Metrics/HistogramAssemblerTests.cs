using Operator.Core.Metrics;

namespace Operator.Core.Tests.Metrics;

public sealed class HistogramAssemblerTests
{
    private const string Grpc = """
        # TYPE grpc_server_handling_seconds histogram
        grpc_server_handling_seconds_bucket{grpc_method="Put",grpc_type="unary",le="0.1"} 1
        grpc_server_handling_seconds_bucket{grpc_method="Put",grpc_type="unary",le="0.5"} 4
        grpc_server_handling_seconds_bucket{grpc_method="Put",grpc_type="unary",le="1"} 5
        grpc_server_handling_seconds_bucket{grpc_method="Put",grpc_type="unary",le="+Inf"} 6
        grpc_server_handling_seconds_sum{grpc_method="Put",grpc_type="unary"} 3.5
        grpc_server_handling_seconds_count{grpc_method="Put",grpc_type="unary"} 6
        grpc_server_handling_seconds_bucket{grpc_method="Range",grpc_type="unary",le="0.1"} 1
        grpc_server_handling_seconds_bucket{grpc_method="Range",grpc_type="unary",le="0.5"} 2
        grpc_server_handling_seconds_bucket{grpc_method="Range",grpc_type="unary",le="1"} 3
        grpc_server_handling_seconds_bucket{grpc_method="Range",grpc_type="unary",le="+Inf"} 4
        grpc_server_handling_seconds_sum{grpc_method="Range",grpc_type="unary"} 1.5
        grpc_server_handling_seconds_count{grpc_method="Range",grpc_type="unary"} 4
        grpc_server_handling_seconds_bucket{grpc_method="Watch",grpc_type="bidi_stream",le="0.1"} 0
        grpc_server_handling_seconds_bucket{grpc_method="Watch",grpc_type="bidi_stream",le="0.5"} 0
        grpc_server_handling_seconds_bucket{grpc_method="Watch",grpc_type="bidi_stream",le="1"} 0
        grpc_server_handling_seconds_bucket{grpc_method="Watch",grpc_type="bidi_stream",le="+Inf"} 100
        grpc_server_handling_seconds_sum{grpc_method="Watch",grpc_type="bidi_stream"} 900
        grpc_server_handling_seconds_count{grpc_method="Watch",grpc_type="bidi_stream"} 100
        """;

    [Fact]
    public void Sums_buckets_across_series_that_match_the_label_predicate()
    {
        var scrape = PrometheusTextParser.Parse(Grpc, MetricFilter.ForNames("grpc_server_handling_seconds"));

        var histogram = scrape.Histogram("grpc_server_handling_seconds", s => s.HasLabel("grpc_type", "unary"));

        Assert.NotNull(histogram);
        Assert.Equal([(0.1, 2d), (0.5, 6d), (1d, 8d), (double.PositiveInfinity, 10d)], histogram.Buckets);
        Assert.Equal(10, histogram.Count);
        Assert.Equal(5, histogram.Sum);
    }

    [Fact]
    public void Quantile_of_the_assembled_histogram_matches_a_hand_computed_value()
    {
        var histogram = PrometheusTextParser.Parse(Grpc).Histogram("grpc_server_handling_seconds", s => s.HasLabel("grpc_type", "unary"))!;

        // rank 0.5 * 10 = 5 falls in (0.1, 0.5] holding cumulative 2..6: 0.1 + 0.4 * (5 - 2) / (6 - 2) = 0.4
        Assert.Equal(0.4, histogram.QuantileSince(null, 0.5)!.Value, precision: 12);

        // Against an earlier read where only the Range series existed, the window holds Put alone: rank 0.5 * 6 = 3
        // in (0.1, 0.5] holding 1..4: 0.1 + 0.4 * (3 - 1) / (4 - 1)
        var earlier = PrometheusTextParser.Parse(Grpc).Histogram("grpc_server_handling_seconds", s => s.HasLabel("grpc_method", "Range"))!;
        Assert.Equal(0.1 + (0.4 * 2 / 3), histogram.QuantileSince(earlier, 0.5)!.Value, precision: 12);
    }

    [Fact]
    public void Missing_inf_bucket_is_added_from_the_count_and_bad_bounds_are_ignored()
    {
        const string text = """
            h_bucket{le="0.5"} 1
            h_bucket{le="1e0"} 3
            h_bucket{le="soon"} 99
            h_count 5
            h_sum 2.5
            """;

        var histogram = PrometheusTextParser.Parse(text).Histogram("h")!;

        Assert.Equal([(0.5, 1d), (1d, 3d), (double.PositiveInfinity, 5d)], histogram.Buckets);
        Assert.Equal(5, histogram.Count);
    }

    [Fact]
    public void Absent_family_gives_null()
    {
        Assert.Null(PrometheusTextParser.Parse("h_count 5").Histogram("h"));
        Assert.Null(PrometheusTextParser.Parse(Grpc).Histogram("grpc_server_handling_seconds", s => s.HasLabel("grpc_type", "client_stream")));
    }
}
