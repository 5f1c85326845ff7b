namespace Operator.Workload;

/// <summary>
/// The fixed schedule of one client under a target rate: operation k is due at start + offset + k × interval
/// (timestamp ticks). An operation that goes out late because earlier ones were slow has its latency measured
/// from its due time, so a stalled server is charged for the operations it delayed (coordinated-omission
/// correction) instead of the client quietly sending fewer of them.
/// </summary>
internal sealed class ClientPacing
{
    private readonly long _start;
    private readonly double _offsetTicks;
    private long _next;

    public ClientPacing(long start, double intervalTicks, double offsetTicks)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(intervalTicks);
        _start = start;
        IntervalTicks = intervalTicks;
        _offsetTicks = offsetTicks;
    }

    public double IntervalTicks { get; }

    /// <summary>
    /// Client <paramref name="client"/> of <paramref name="clients"/> sharing <paramref name="totalRate"/> ops/s
    /// equally, each offset by a fraction of the interval so the clients' operations interleave evenly.
    /// </summary>
    public static ClientPacing For(int client, int clients, double totalRate, long start, long timestampFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalRate);
        var interval = timestampFrequency * (double)clients / totalRate;
        return new ClientPacing(start, interval, interval * client / clients);
    }

    /// <summary>When the next operation is due; each call moves on by one operation.</summary>
    public long NextDue() => _start + (long)(_offsetTicks + (_next++ * IntervalTicks));
}
