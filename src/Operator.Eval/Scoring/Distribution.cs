namespace Operator.Eval.Scoring;

/// <summary>
/// Median and 90th percentile of a set of durations (linear interpolation between closest ranks, as numpy's default),
/// with the count and the extremes. Missing values (a step that never happened) are not in it; they show in the rates.
/// </summary>
public sealed record Distribution(int Count, TimeSpan? Min, TimeSpan? Median, TimeSpan? P90, TimeSpan? Max)
{
    /// <summary>The distribution of the values present in <paramref name="values"/>.</summary>
    public static Distribution Of(IEnumerable<TimeSpan?> values)
    {
        var sorted = values.OfType<TimeSpan>().Order().ToArray();
        return sorted.Length == 0
            ? new Distribution(0, null, null, null, null)
            : new Distribution(sorted.Length, sorted[0], Percentile(sorted, 0.5), Percentile(sorted, 0.9), sorted[^1]);
    }

    /// <summary>The <paramref name="q"/> quantile of ascending <paramref name="sorted"/> values.</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfZero(sorted.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(q);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        var position = q * (sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Count - 1);
        var fraction = position - below;
        return TimeSpan.FromTicks(sorted[below].Ticks + (long)Math.Round((sorted[above].Ticks - sorted[below].Ticks) * fraction));
    }
}
