namespace Operator.Workload.Tests;

/// <summary>
/// Time that moves only when something spends it: a fake target advances it by its service time, and a timer (a
/// client waiting for its next due time) jumps it straight to its due time and fires at once. For one client
/// driven on one thread this makes a run fully deterministic and instant.
/// </summary>
internal sealed class VirtualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private long _now;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public List<TimeSpan> Waits { get; } = [];

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero).AddTicks(GetTimestamp());

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by.Ticks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return new NoTimer();
        }

        lock (_gate)
        {
            Waits.Add(dueTime);
        }

        Advance(dueTime);
        callback(state);
        return new NoTimer();
    }

    private sealed class NoTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
