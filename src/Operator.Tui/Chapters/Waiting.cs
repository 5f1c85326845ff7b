namespace Operator.Tui.Chapters;

/// <summary>Polls for a condition with a deadline on the given clock; chapters wait this way, never by sleeping blind.</summary>
public static class Waiting
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Returns the first non-null result of <paramref name="probe"/>; throws <see cref="ChapterFailedException"/> with
    /// "<paramref name="what"/> did not happen within …" at the deadline.
    /// </summary>
    public static async Task<T> ForAsync<T>(TimeProvider time, Func<CancellationToken, Task<T?>> probe, TimeSpan deadline, string what, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(probe);
        var started = time.GetTimestamp();
        while (true)
        {
            if (await probe(cancellationToken).ConfigureAwait(false) is { } found)
            {
                return found;
            }

            if (time.GetElapsedTime(started) >= deadline)
            {
                throw new ChapterFailedException($"{what} did not happen within {Core.Time.DurationText.Format(deadline)}");
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
