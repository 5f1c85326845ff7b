namespace Operator.Workload;

/// <summary>Waiting on a <see cref="TimeProvider"/>'s timestamps.</summary>
internal static class Clock
{
    /// <summary>
    /// Returns once the timestamp <paramref name="due"/> has passed. Timers have millisecond resolution, so each wait
    /// is rounded up to whole milliseconds: never early, at most about a millisecond late. Throws when cancelled,
    /// also when <paramref name="due"/> has already passed.
    /// </summary>
    public static async Task DelayUntilAsync(TimeProvider time, long due, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        while (true)
        {
            var remaining = due - time.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            var milliseconds = Math.Ceiling(remaining * 1000.0 / time.TimestampFrequency);
            await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Timestamp ticks in <paramref name="span"/>.</summary>
    public static long Ticks(TimeProvider time, TimeSpan span) => (long)(span.TotalSeconds * time.TimestampFrequency);
}
