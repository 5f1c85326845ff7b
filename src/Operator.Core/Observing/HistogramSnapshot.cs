namespace Operator.Core.Observing;

/// <summary>A cumulative Prometheus-style histogram read at one instant: bucket upper bounds with cumulative counts.</summary>
/// <param name="Buckets">Upper bound (<c>le</c>) and cumulative count, sorted by bound; the last bound is +Inf.</param>
/// <param name="Count">Total observations.</param>
/// <param name="Sum">Sum of observed values.</param>
public sealed record HistogramSnapshot(IReadOnlyList<(double UpperBound, double Count)> Buckets, double Count, double Sum)
{
    /// <summary>
    /// The q-quantile of the observations made between <paramref name="earlier"/> and this snapshot, estimated
    /// the way PromQL's histogram_quantile does (linear interpolation inside the bucket). Null when no
    /// observations happened in between or the bucket layouts differ (e.g. the process restarted).
    /// </summary>
    public double? QuantileSince(HistogramSnapshot? earlier, double q)
    {
        if (Buckets.Count == 0)
        {
            return null;
        }

        var deltas = new (double Bound, double Count)[Buckets.Count];
        for (var i = 0; i < Buckets.Count; i++)
        {
            var before = 0.0;
            if (earlier is not null)
            {
                if (earlier.Buckets.Count != Buckets.Count || earlier.Buckets[i].UpperBound != Buckets[i].UpperBound)
                {
                    return null;
                }

                before = earlier.Buckets[i].Count;
            }

            var delta = Buckets[i].Count - before;
            if (delta < 0)
            {
                return null; // counter reset
            }

            deltas[i] = (Buckets[i].UpperBound, delta);
        }

        var total = deltas[^1].Count;
        if (total <= 0)
        {
            return null;
        }

        var rank = q * total;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        foreach (var (bound, count) in deltas)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(bound))
                {
                    return lowerBound; // as PromQL: the highest finite bound
                }

                var inBucket = count - lowerCount;
                return inBucket <= 0 ? bound : lowerBound + ((bound - lowerBound) * ((rank - lowerCount) / inBucket));
            }

            lowerBound = bound;
            lowerCount = count;
        }

        return lowerBound;
    }

    /// <summary>Observations made between <paramref name="earlier"/> and this snapshot.</summary>
    public double CountSince(HistogramSnapshot? earlier) => Math.Max(0, Count - (earlier?.Count ?? 0));
}
