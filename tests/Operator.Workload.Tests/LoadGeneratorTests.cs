using Operator.Core;

namespace Operator.Workload.Tests;

/// <summary>Whole runs against fake targets in real time, with 100 ms intervals to stay fast. Counts and ratios only.</summary>
public sealed class LoadGeneratorTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private static LoadOptions Options(TimeSpan duration, int clients = 4) => new()
    {
        Clients = clients,
        Records = 50,
        Duration = duration,
        Interval = Tick,
        ErrorBackoff = TimeSpan.FromMilliseconds(20),
        Seed = 11,
    };

    [Fact]
    public async Task Run_reports_start_one_interval_per_tick_and_a_summary_that_adds_them_up()
    {
        var target = new FakeKvTarget();
        var output = new CapturedOutput();

        var summary = await new LoadGenerator(target, Options(TimeSpan.FromMilliseconds(500)), output).RunAsync(CancellationToken.None);

        var events = output.Events.ToList();
        var start = Assert.IsType<LoadStarted>(events[0]);
        Assert.Equal(["http://fake-0:2379", "http://fake-1:2379", "http://fake-2:2379"], start.Endpoints);
        Assert.Equal("a", start.Workload);
        Assert.Equal(0.5, start.DurationSeconds);
        Assert.Same(summary, events[^1]);
        var intervals = output.Intervals;
        Assert.Equal([1, 2, 3, 4, 5], intervals.Select(i => i.Second));
        Assert.All(intervals, i => Assert.True(i.Ops > 0 && i.Errors == 0 && i.Latency is not null && i.LastError is null, i.ToString()));
        Assert.Equal(intervals.Sum(i => i.Ops), summary.Ops);
        Assert.Equal(intervals.Sum(i => i.Reads), summary.Reads);
        Assert.Equal(summary.Ops, summary.Reads + summary.Updates);
        Assert.Equal(0, summary.Errors);
        Assert.InRange(summary.DurationSeconds, 0.5, 5);

        // The load phase wrote every record before measuring began.
        Assert.Equal(50, target.Data.Count);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"/operator-load/user{i:D6}"), target.Data.Keys.Order());
    }

    [Fact]
    public async Task Intervals_keep_coming_with_zero_ops_while_every_operation_fails()
    {
        var failing = false;
        var target = new FakeKvTarget { Failure = e => Volatile.Read(ref failing) ? $"fake-{e}: connection refused" : null };
        var output = new CapturedOutput { OnWrite = e => { if (e is LoadStarted) { Volatile.Write(ref failing, true); } } };

        var summary = await new LoadGenerator(target, Options(TimeSpan.FromMilliseconds(500)), output).RunAsync(CancellationToken.None);

        var intervals = output.Intervals;
        Assert.Equal(5, intervals.Count);
        Assert.All(intervals, i =>
        {
            Assert.Equal(0, i.Ops);
            Assert.True(i.Errors > 0, i.ToString());
            Assert.Null(i.Latency);
            Assert.Matches("^fake-\\d: connection refused$", i.LastError);
        });
        Assert.Equal(intervals.Sum(i => i.Errors), summary.Errors);
        Assert.Null(summary.Latency);

        // Clients pause 20 ms after each round of 3 failed endpoints: bounded, not a tight loop.
        Assert.True(summary.Errors <= 4 * 3 * ((500 / 20) + 2), $"{summary.Errors} errors");
    }

    [Fact]
    public async Task Intervals_keep_coming_while_operations_hang_and_the_run_still_ends_on_time()
    {
        var hanging = false;
        var target = new HangingTarget(() => Volatile.Read(ref hanging));
        var output = new CapturedOutput { OnWrite = e => { if (e is LoadStarted) { Volatile.Write(ref hanging, true); } } };

        var run = new LoadGenerator(target, Options(TimeSpan.FromMilliseconds(400)), output).RunAsync(CancellationToken.None);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(run, finished);
        Assert.Equal(4, output.Intervals.Count);
        Assert.Equal(0, output.Intervals[^1].Ops);
        Assert.Equal(0, output.Intervals[^1].Errors);
    }

    [Fact]
    public async Task A_dead_endpoint_costs_each_client_that_starts_on_it_one_error()
    {
        var dead = false;
        var target = new FakeKvTarget { Failure = e => e == 0 && Volatile.Read(ref dead) ? "fake-0: connection refused" : null };
        var output = new CapturedOutput { OnWrite = e => { if (e is LoadStarted) { Volatile.Write(ref dead, true); } } };

        // Clients 0 and 3 start on endpoint 0 (i mod 3), fail once each and move to endpoint 1 for good.
        var summary = await new LoadGenerator(target, Options(TimeSpan.FromMilliseconds(300), clients: 6), output).RunAsync(CancellationToken.None);

        Assert.Equal(2, summary.Errors);
        Assert.True(summary.Ops > 100, summary.ToString());
        Assert.Equal("fake-0: connection refused", summary.LastError);
    }

    [Fact]
    public async Task Target_rate_caps_the_total_throughput()
    {
        var target = new FakeKvTarget();
        var options = Options(TimeSpan.FromSeconds(1)) with { TargetRate = 200 };

        var summary = await new LoadGenerator(target, options, new CapturedOutput()).RunAsync(CancellationToken.None);

        // Never ahead of the schedule (200 ops/s × the measured time, plus one due at start per client); a fast target keeps up with it.
        Assert.True(summary.Ops <= (200 * summary.DurationSeconds) + 4, summary.ToString());
        Assert.True(summary.Ops >= 100, summary.ToString());
    }

    [Fact]
    public async Task Cancelling_an_unbounded_run_ends_it_with_a_partial_interval_and_a_summary()
    {
        var target = new FakeKvTarget();
        using var stop = new CancellationTokenSource();
        var output = new CapturedOutput { OnWrite = e => { if (e is LoadInterval { Second: 3 }) { stop.Cancel(); } } };

        var summary = await new LoadGenerator(target, Options(TimeSpan.Zero), output).RunAsync(stop.Token);

        var intervals = output.Intervals;
        Assert.Null(Assert.IsType<LoadStarted>(output.Events.First()).DurationSeconds);
        Assert.Equal(4, intervals.Count);
        Assert.True(intervals[^1].IntervalSeconds < 0.1, intervals[^1].ToString());
        Assert.Equal(intervals.Sum(i => i.Ops), summary.Ops);
    }

    [Fact]
    public async Task No_endpoint_reachable_at_start_is_one_error_naming_each_endpoint_at_once()
    {
        var target = new FakeKvTarget { Failure = e => $"get from http://fake-{e}:2379: connection refused" };
        var options = Options(TimeSpan.FromSeconds(1)) with { StartPatience = TimeSpan.FromMinutes(5) };

        var error = await Assert.ThrowsAsync<OperatorException>(() => new LoadGenerator(target, options, new CapturedOutput()).RunAsync(CancellationToken.None));

        Assert.StartsWith("no endpoint could be reached (get from http://fake-0:2379: connection refused; get from http://fake-1:2379", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(3, target.Calls.Count);
    }

    [Fact]
    public async Task Start_waits_out_endpoints_that_answer_but_cannot_serve_yet()
    {
        var electing = 0;
        var target = new FakeKvTarget { FailuresReached = true, Failure = e => Interlocked.Increment(ref electing) <= 9 ? "HTTP 503: etcdserver: leader changed" : null };
        var output = new CapturedOutput();

        var summary = await new LoadGenerator(target, Options(TimeSpan.FromMilliseconds(200)), output).RunAsync(CancellationToken.None);

        Assert.True(summary.Ops > 0, summary.ToString());
        Assert.IsType<LoadStarted>(output.Events.First());
    }

    [Fact]
    public async Task Start_gives_up_when_no_endpoint_serves_a_read_within_the_patience()
    {
        var target = new FakeKvTarget { FailuresReached = true, Failure = e => "HTTP 503: etcdserver: no leader" };
        var options = Options(TimeSpan.FromSeconds(1)) with { StartPatience = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<OperatorException>(() => new LoadGenerator(target, options, new CapturedOutput()).RunAsync(CancellationToken.None));

        Assert.StartsWith("no endpoint served a read within 300ms (HTTP 503: etcdserver: no leader; ", error.Message);
        Assert.True(target.Calls.Count > 3, "it should have retried");
    }

    [Fact]
    public async Task Load_phase_rides_out_failing_writes_and_writes_every_record()
    {
        var failures = 0;
        var target = new FakeKvTarget { Failure = e => Interlocked.Increment(ref failures) is > 3 and <= 40 ? $"fake-{e}: connection refused" : null };

        var summary = await new LoadGenerator(target, Options(TimeSpan.FromMilliseconds(200)), new CapturedOutput()).RunAsync(CancellationToken.None);

        Assert.Equal(50, target.Data.Count);
        Assert.True(summary.Ops > 0, summary.ToString());
    }

    [Fact]
    public async Task Load_phase_that_cannot_write_anything_names_a_record_and_the_last_error()
    {
        // Reads answer (so the start check passes) but no write is accepted.
        var target = new WriteRefusingTarget();
        var options = Options(TimeSpan.FromSeconds(1)) with { StartPatience = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<OperatorException>(() => new LoadGenerator(target, options, new CapturedOutput()).RunAsync(CancellationToken.None));

        Assert.Matches("^load phase: no write succeeded for 300ms; writing /operator-load/user0000\\d\\d failed on all 3 endpoints, last: no space on fake-\\d$", error.Message);
    }

    /// <summary>Answers until <c>hang</c> says otherwise; then every operation waits until cancelled.</summary>
    private sealed class HangingTarget(Func<bool> hang) : IKvTarget
    {
        public IReadOnlyList<string> Endpoints { get; } = ["http://fake-0:2379"];

        public ValueTask<KvResult> ReadAsync(int endpoint, string key, CancellationToken cancellationToken) => OperationAsync(cancellationToken);

        public ValueTask<KvResult> UpdateAsync(int endpoint, string key, string value, CancellationToken cancellationToken) => OperationAsync(cancellationToken);

        private async ValueTask<KvResult> OperationAsync(CancellationToken cancellationToken)
        {
            await FakeKvTarget.ViaGlobalQueue();
            if (hang())
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return KvResult.Success;
        }
    }

    private sealed class WriteRefusingTarget : IKvTarget
    {
        public IReadOnlyList<string> Endpoints { get; } = ["a", "b", "c"];

        public async ValueTask<KvResult> ReadAsync(int endpoint, string key, CancellationToken cancellationToken)
        {
            await FakeKvTarget.ViaGlobalQueue();
            return KvResult.Success;
        }

        public async ValueTask<KvResult> UpdateAsync(int endpoint, string key, string value, CancellationToken cancellationToken)
        {
            await FakeKvTarget.ViaGlobalQueue();
            return KvResult.Failed($"no space on fake-{endpoint}");
        }
    }
}
