namespace Operator.Etcd.Tests.Diagnosing;

/// <summary>A clock that always says the same time (the engine's stopwatch still uses the real timestamp).</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
