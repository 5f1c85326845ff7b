namespace Operator.Workload.Tests;

public sealed class LoadTextTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 10, 0, 1, TimeSpan.Zero);

    [Fact]
    public void Start_line_says_what_was_loaded_and_what_runs()
    {
        var line = LoadText.Format(new LoadStarted(At, "b", 16, 1000, null, ["http://a:2379", "http://b:2379"], 100, 30, 0.42));
        Assert.Equal(
            "10:00:01.000 loaded 1000 records (100-byte values) in 0.42 s; running workload b (95% reads, 5% updates), zipfian keys, 16 clients, closed loop, for 30s against http://a:2379, http://b:2379",
            line);
        Assert.Contains("paced at 500 ops/s, until stopped", LoadText.Format(new LoadStarted(At, "a", 1, 1, 500, ["x"], 1, null, 0)));
    }

    [Fact]
    public void Interval_line_shows_throughput_percentiles_errors_and_the_last_error()
    {
        var ok = LoadText.Format(new LoadInterval(At, 2, 1520, 1518.7, 760, 760, 0, new LatencyFigures(1.21, 4.87, 9.9, 12.3), null, 1));
        Assert.Equal("10:00:01.000     2s    1518.7 ops/s  reads    760  updates    760  errors     0  p50 1.21  p99 4.87  p999 9.90  max 12.30 ms", ok);

        var failing = LoadText.Format(new LoadInterval(At, 3, 0, 0, 0, 0, 42, null, "put k on http://a:2379: connection refused", 1));
        Assert.EndsWith("errors    42  p50 -  p99 -  p999 -  max - ms  last error: put k on http://a:2379: connection refused", failing);
    }

    [Fact]
    public void Summary_line_totals_the_run()
    {
        var line = LoadText.Format(new LoadSummary(At, 30.01, 45000, 1499.5, 22500, 22500, 3, new LatencyFigures(1, 2, 3, 4), "boom"));
        Assert.Equal("10:00:01.000 summary: 45000 ops in 30.0 s = 1499.5 ops/s (reads 22500, updates 22500), errors 3; p50 1.00  p99 2.00  p999 3.00  max 4.00 ms; last error: boom", line);
    }
}
