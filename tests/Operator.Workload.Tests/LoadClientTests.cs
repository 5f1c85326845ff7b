namespace Operator.Workload.Tests;

/// <summary>One client on a <see cref="VirtualClock"/>: failover, pacing and coordinated-omission correction, deterministically.</summary>
public sealed class LoadClientTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_failed_operation_moves_the_client_to_the_next_endpoint_and_it_stays_there()
    {
        var clock = new VirtualClock();
        var target = new FakeKvTarget(3, clock) { ServiceTime = TimeSpan.FromMilliseconds(1), Failure = e => e == 1 ? "refused by fake-1" : null };
        var stats = new LoadStats(clock.TimestampFrequency);

        await NewClient(1, target, stats, clock).RunAsync(At(TimeSpan.FromMilliseconds(100)), CancellationToken.None);

        var calls = target.Calls.ToList();
        Assert.Equal(1, calls[0].Endpoint);
        Assert.True(calls.Count > 50);
        Assert.All(calls.Skip(1), c => Assert.Equal(2, c.Endpoint));
        var tally = stats.TakeInterval();
        Assert.Equal(1, tally.Errors);
        Assert.Equal("refused by fake-1", tally.LastError);
        Assert.Equal(calls.Count - 1, tally.Ops);
    }

    [Fact]
    public async Task Failover_wraps_around_to_the_first_endpoint()
    {
        var clock = new VirtualClock();
        var target = new FakeKvTarget(3, clock) { ServiceTime = TimeSpan.FromMilliseconds(1), Failure = e => e != 1 ? $"fake-{e} is down" : null };
        var stats = new LoadStats(clock.TimestampFrequency);

        await NewClient(2, target, stats, clock).RunAsync(At(TimeSpan.FromMilliseconds(50)), CancellationToken.None);

        Assert.Equal([2, 0, 1, 1, 1], target.Calls.Take(5).Select(c => c.Endpoint));
        Assert.Equal(2, stats.TakeInterval().Errors);
    }

    [Fact]
    public async Task When_every_endpoint_fails_the_client_pauses_after_each_round_instead_of_spinning()
    {
        var clock = new VirtualClock();
        var target = new FakeKvTarget(3, clock) { ServiceTime = TimeSpan.FromMilliseconds(1), Failure = e => $"fake-{e} refused" };
        var stats = new LoadStats(clock.TimestampFrequency);

        await NewClient(0, target, stats, clock, backoff: TimeSpan.FromMilliseconds(100)).RunAsync(At(Second), CancellationToken.None);

        // Each round: 3 failures (3 ms), then a 100 ms pause → about 10 rounds in a second, not ~1000 failures.
        var errors = stats.TakeInterval().Errors;
        Assert.InRange(errors, 27, 30);
        Assert.Equal(errors / 3, clock.Waits.Count(w => w == TimeSpan.FromMilliseconds(100)));
        Assert.Equal([0, 1, 2, 0, 1, 2], target.Calls.Take(6).Select(c => c.Endpoint));
    }

    [Fact]
    public async Task Paced_client_keeps_to_the_target_rate_and_does_not_count_waiting_as_latency()
    {
        var clock = new VirtualClock();
        var target = new FakeKvTarget(1, clock) { ServiceTime = TimeSpan.FromMilliseconds(1) };
        var stats = new LoadStats(clock.TimestampFrequency);
        var pacing = ClientPacing.For(0, 1, totalRate: 100, start: 0, clock.TimestampFrequency);

        await NewClient(0, target, stats, clock, pacing).RunAsync(At(Second), CancellationToken.None);

        var latency = Latency(stats.TakeInterval(), out var ops);
        Assert.Equal(100, ops);
        Assert.Equal(1.0, latency.P50Ms);
        Assert.Equal(1.0, latency.MaxMs);
        Assert.Equal(TimeSpan.FromMilliseconds(991), TimeSpan.FromTicks(clock.GetTimestamp()));
    }

    [Fact]
    public async Task Paced_latency_is_measured_from_the_intended_start_so_a_slow_server_is_charged_for_the_queue()
    {
        var service = TimeSpan.FromMilliseconds(20);

        // Closed loop: every operation takes its 20 ms service time and that is all it reports.
        var closedClock = new VirtualClock();
        var closedStats = new LoadStats(closedClock.TimestampFrequency);
        await NewClient(0, new FakeKvTarget(1, closedClock) { ServiceTime = service }, closedStats, closedClock).RunAsync(At(Second), CancellationToken.None);
        var closed = Latency(closedStats.TakeInterval(), out var closedOps);
        Assert.Equal(50, closedOps);
        Assert.Equal(20.0, closed.P50Ms, 0.05);

        // 100 ops/s intended against a server that manages 50/s: operation k is due at 10k ms but starts at 20k ms,
        // so its corrected latency is 10k + 20 ms — the backlog shows, as it would for a real user.
        var pacedClock = new VirtualClock();
        var pacedStats = new LoadStats(pacedClock.TimestampFrequency);
        var pacing = ClientPacing.For(0, 1, totalRate: 100, start: 0, pacedClock.TimestampFrequency);
        await NewClient(0, new FakeKvTarget(1, pacedClock) { ServiceTime = service }, pacedStats, pacedClock, pacing).RunAsync(At(Second), CancellationToken.None);
        var paced = Latency(pacedStats.TakeInterval(), out var pacedOps);

        Assert.Equal(100, pacedOps);
        Assert.Equal(1010.0, paced.MaxMs, 1010 * 0.001);
        Assert.InRange(paced.P50Ms, 500, 530);
        Assert.True(paced.P50Ms > 20 * closed.P50Ms, $"paced p50 {paced.P50Ms} ms vs closed-loop {closed.P50Ms} ms");
    }

    [Fact]
    public void Paced_clients_share_the_rate_and_interleave_evenly()
    {
        const long Frequency = 1_000_000;
        var pacings = Enumerable.Range(0, 4).Select(i => ClientPacing.For(i, 4, totalRate: 400, start: 1000, Frequency)).ToList();
        var due = pacings.SelectMany(p => Enumerable.Range(0, 100).Select(_ => p.NextDue())).Order().ToList();

        Assert.Equal(10_000.0, pacings[0].IntervalTicks);
        Assert.Equal(1000, due[0]);
        var gaps = due.Zip(due.Skip(1), (a, b) => b - a).Distinct().ToList();
        Assert.Equal([2500L], gaps);
    }

    private static long At(TimeSpan elapsed) => elapsed.Ticks;

    private static LoadClient NewClient(int firstEndpoint, FakeKvTarget target, LoadStats stats, VirtualClock clock, ClientPacing? pacing = null, TimeSpan? backoff = null) =>
        new(firstEndpoint, target, WorkloadSpec.A, new KeyChooser(new KeySpace(100)), "value", stats, clock, new Random(5), pacing, backoff ?? TimeSpan.FromMilliseconds(100));

    private static LatencyFigures Latency(IntervalTally tally, out long ops)
    {
        var merged = LoadStats.NewHistogram();
        merged.Add(tally.Reads);
        merged.Add(tally.Updates);
        ops = merged.TotalCount;
        return LatencyFigures.FromMicroseconds(merged)!;
    }
}
