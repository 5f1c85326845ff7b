namespace Operator.Llm.Tests;

/// <summary>A clock whose wall time is fixed (for CreatedAt) while timers and timestamps run on the system clock.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
