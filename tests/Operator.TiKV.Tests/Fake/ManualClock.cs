namespace Operator.TiKV.Tests.Fake;

/// <summary>Wall-clock time that moves only when a test advances it: what the fake cluster's heartbeats are measured on.</summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = new(2026, 1, 25, 10, 15, 31, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
