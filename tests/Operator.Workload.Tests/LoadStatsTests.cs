namespace Operator.Workload.Tests;

public sealed class LoadStatsTests
{
    [Fact]
    public async Task Concurrent_clients_lose_no_count_and_an_interval_starts_afresh()
    {
        var stats = new LoadStats(1_000_000);
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                stats.RecordSuccess(i % 4 == 0 ? OperationKind.Update : OperationKind.Read, 100 + (i % 900));
                if (i % 1000 == 0)
                {
                    stats.RecordError($"writer {w} failed");
                }
            }
        }));
        await Task.WhenAll(writers);

        var tally = stats.TakeInterval();
        Assert.Equal(160_000, tally.Ops);
        Assert.Equal(40_000, tally.Updates.TotalCount);
        Assert.Equal(160, tally.Errors);
        Assert.Matches("^writer \\d failed$", tally.LastError);

        var next = stats.TakeInterval();
        Assert.Equal(0, next.Ops);
        Assert.Equal(0, next.Errors);
        Assert.Null(next.LastError);
    }

    [Fact]
    public void Latencies_are_converted_from_timestamp_ticks_to_milliseconds()
    {
        var stats = new LoadStats(TimeSpan.TicksPerSecond);
        stats.RecordSuccess(OperationKind.Read, TimeSpan.FromMilliseconds(2).Ticks);
        stats.RecordSuccess(OperationKind.Read, TimeSpan.FromMilliseconds(2).Ticks);
        stats.RecordSuccess(OperationKind.Update, TimeSpan.FromMilliseconds(40).Ticks);
        stats.RecordSuccess(OperationKind.Update, TimeSpan.FromHours(3).Ticks);

        var tally = stats.TakeInterval();
        var merged = LoadStats.NewHistogram();
        merged.Add(tally.Reads);
        merged.Add(tally.Updates);
        var latency = LatencyFigures.FromMicroseconds(merged)!;

        Assert.Equal(2.0, latency.P50Ms);
        Assert.Equal(3_600_000, latency.MaxMs, 3_600_000 * 0.001);
        Assert.Null(LatencyFigures.FromMicroseconds(LoadStats.NewHistogram()));
    }
}
