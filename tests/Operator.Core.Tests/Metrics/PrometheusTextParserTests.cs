using Operator.Core.Metrics;

namespace Operator.Core.Tests.Metrics;

public sealed class PrometheusTextParserTests
{
    [Fact]
    public void Parses_names_labels_values_and_skips_comments()
    {
        const string text = """
            # HELP etcd_server_has_leader Whether or not a leader exists. 1 is existence, 0 is not.
            # TYPE etcd_server_has_leader gauge
            etcd_server_has_leader 1

            etcd_network_active_peers{Local="fa1316e641555fec",Remote="eacfe4e89c43aedd"} 1
            """;

        var scrape = PrometheusTextParser.Parse(text);

        Assert.Equal(0, scrape.SkippedLines);
        Assert.Equal(2, scrape.Samples.Count);
        Assert.Equal("etcd_server_has_leader", scrape.Samples[0].Name);
        Assert.Empty(scrape.Samples[0].Labels);
        Assert.Equal(1, scrape.Samples[0].Value);
        var peers = scrape.Samples[1];
        Assert.Equal("fa1316e641555fec", peers.Label("Local"));
        Assert.Equal("eacfe4e89c43aedd", peers.Label("Remote"));
        Assert.Null(peers.Label("To"));
    }

    [Fact]
    public void Unescapes_quotes_backslashes_and_newlines_in_label_values()
    {
        const string text = """m{path="C:\\dir\\",msg="say \"hi\"\nbye",empty=""} 3""";

        var sample = Assert.Single(PrometheusTextParser.Parse(text).Samples);

        Assert.Equal(@"C:\dir\", sample.Label("path"));
        Assert.Equal("say \"hi\"\nbye", sample.Label("msg"));
        Assert.Equal("", sample.Label("empty"));
    }

    [Theory]
    [InlineData("NaN", double.NaN)]
    [InlineData("+Inf", double.PositiveInfinity)]
    [InlineData("-Inf", double.NegativeInfinity)]
    [InlineData("2.147483648e+09", 2147483648d)]
    [InlineData("1.6777216e+07", 16777216d)]
    [InlineData("8.348860999999999e-03", 0.008348860999999999)]
    [InlineData("-0.5", -0.5)]
    [InlineData("1E3", 1000d)]
    public void Parses_special_and_exponent_values(string literal, double expected)
    {
        var sample = Assert.Single(PrometheusTextParser.Parse($"v {literal}").Samples);

        Assert.Equal(expected, sample.Value);
    }

    [Fact]
    public void Reads_optional_timestamps_and_tolerates_whitespace_and_crlf()
    {
        const string text = "a{x=\"1\"} 5 1700000000123\r\n  b { y = \"2\" , } 6\t-42\r\nc 7\r\n";

        var scrape = PrometheusTextParser.Parse(text);

        Assert.Equal(0, scrape.SkippedLines);
        Assert.Equal([1700000000123L, -42L, null], scrape.Samples.Select(s => s.TimestampMs));
        Assert.Equal("2", scrape.Samples[1].Label("y"));
    }

    [Fact]
    public void Garbage_lines_are_counted_and_skipped_without_losing_good_ones()
    {
        const string text = """
            good_before 1
            <html><body>oops</body></html>
            unclosed{a="b 2
            bad_escape{a="\t"} 3
            no_value
            bad_value abc
            bad_timestamp 1 12.5
            trailing 1 2 3
            {le="1"} 4
            name-with-dash 5
            good_after{a="b"} 2
            """;

        var scrape = PrometheusTextParser.Parse(text);

        Assert.Equal(["good_before", "good_after"], scrape.Samples.Select(s => s.Name));
        Assert.Equal(9, scrape.SkippedLines);
    }

    [Fact]
    public void Filter_keeps_named_families_with_their_histogram_series_and_prefixes()
    {
        const string text = """
            etcd_server_has_leader 1
            etcd_server_has_leader_extra 9
            etcd_disk_wal_fsync_duration_seconds_bucket{le="0.001"} 4
            etcd_disk_wal_fsync_duration_seconds_sum 0.5
            etcd_disk_wal_fsync_duration_seconds_count 6
            go_goroutines 80
            go_memstats_alloc_bytes 1e6
            process_open_fds 12
            this line is garbage but filtered out before it is examined
            """;
        var filter = new MetricFilter(["etcd_server_has_leader", "etcd_disk_wal_fsync_duration_seconds"], ["go_"]);

        var scrape = PrometheusTextParser.Parse(text, filter);

        Assert.Equal(
            ["etcd_server_has_leader", "etcd_disk_wal_fsync_duration_seconds_bucket", "etcd_disk_wal_fsync_duration_seconds_sum", "etcd_disk_wal_fsync_duration_seconds_count", "go_goroutines", "go_memstats_alloc_bytes"],
            scrape.Samples.Select(s => s.Name));
        Assert.Equal(0, scrape.SkippedLines);
    }

    [Fact]
    public void Repeated_names_and_label_texts_share_one_string()
    {
        const string text = """
            m_bucket{grpc_type="unary",le="1"} 1
            m_bucket{grpc_type="unary",le="2"} 2
            """;

        var samples = PrometheusTextParser.Parse(text).Samples;

        Assert.Same(samples[0].Name, samples[1].Name);
        Assert.Same(samples[0].Labels[0].Value, samples[1].Labels[0].Value);
    }

    [Fact]
    public void Scrape_sums_series_across_labels_and_reports_absence_as_null()
    {
        const string text = """
            etcd_network_active_peers{Remote="a"} 1
            etcd_network_active_peers{Remote="b"} 0
            etcd_network_active_peers{Remote="c"} 1
            """;

        var scrape = PrometheusTextParser.Parse(text);

        Assert.Equal(2, scrape.Sum("etcd_network_active_peers"));
        Assert.Equal(0, scrape.Sum("etcd_network_active_peers", s => s.HasLabel("Remote", "b")));
        Assert.Null(scrape.Sum("etcd_network_peer_sent_failures_total"));
        Assert.Null(scrape.Value("missing"));
    }
}
