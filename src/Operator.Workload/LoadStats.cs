using HdrHistogram;

namespace Operator.Workload;

/// <summary>
/// The running tallies of a load run, written by every client at once and read once per interval by the
/// reporter: one HdrHistogram <see cref="Recorder"/> of successful-operation latency (microseconds) per operation
/// kind, so an interval's reads + updates always equal its recorded latencies, and the failed operations with the
/// last error message.
/// </summary>
internal sealed class LoadStats
{
    /// <summary>One hour: longer latencies are recorded as one hour rather than lost.</summary>
    internal const long HighestMicroseconds = 3_600_000_000;

    private readonly Recorder _reads = NewRecorder();
    private readonly Recorder _updates = NewRecorder();
    private readonly double _microsecondsPerTick;
    private readonly Lock _errorGate = new();
    private long _errors;
    private string? _lastError;
    private HistogramBase? _readsToRecycle;
    private HistogramBase? _updatesToRecycle;

    public LoadStats(long timestampFrequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timestampFrequency, 1);
        _microsecondsPerTick = 1_000_000.0 / timestampFrequency;
    }

    /// <summary>A histogram shaped like the recorders' (1 µs to 1 h, 3 significant digits), to sum intervals into.</summary>
    public static LongHistogram NewHistogram() => new(1, HighestMicroseconds, 3);

    /// <summary>A successful operation that took <paramref name="elapsedTicks"/> (timestamp ticks).</summary>
    public void RecordSuccess(OperationKind kind, long elapsedTicks)
    {
        var microseconds = (long)Math.Clamp(elapsedTicks * _microsecondsPerTick, 0, HighestMicroseconds);
        (kind == OperationKind.Read ? _reads : _updates).RecordValue(microseconds);
    }

    public void RecordError(string message)
    {
        lock (_errorGate)
        {
            _errors++;
            _lastError = message;
        }
    }

    /// <summary>
    /// Everything recorded since the previous call, and a fresh start for the next interval. The histograms in the
    /// answer are recycled by the next call: read them before calling again. Called by one reporter thread.
    /// </summary>
    public IntervalTally TakeInterval()
    {
        var reads = _readsToRecycle is null ? _reads.GetIntervalHistogram() : _reads.GetIntervalHistogram(_readsToRecycle);
        var updates = _updatesToRecycle is null ? _updates.GetIntervalHistogram() : _updates.GetIntervalHistogram(_updatesToRecycle);
        _readsToRecycle = reads;
        _updatesToRecycle = updates;
        long errors;
        string? lastError;
        lock (_errorGate)
        {
            errors = _errors;
            lastError = _lastError;
            _errors = 0;
            _lastError = null;
        }

        return new IntervalTally(reads, updates, errors, lastError);
    }

    // Concurrent histograms: several clients record into the active one at the same time.
    private static Recorder NewRecorder() =>
        new(1, HighestMicroseconds, 3, (id, lowest, highest, digits) => new LongConcurrentHistogram(id, lowest, highest, digits));
}
