namespace Operator.FakeTikv.Prometheus;

/// <summary>PromQL's <c>histogram_quantile</c> over classic buckets (Prometheus' bucketQuantile, linear interpolation).</summary>
public static class HistogramQuantile
{
    public static double Compute(double quantile, IReadOnlyList<(double UpperBound, double Count)> buckets)
    {
        if (double.IsNaN(quantile))
        {
            return double.NaN;
        }

        if (quantile < 0)
        {
            return double.NegativeInfinity;
        }

        if (quantile > 1)
        {
            return double.PositiveInfinity;
        }

        var sorted = buckets.OrderBy(b => b.UpperBound).ToList();
        if (sorted.Count < 2 || !double.IsPositiveInfinity(sorted[^1].UpperBound))
        {
            return double.NaN;
        }

        // Counts must not decrease; Prometheus evens out small inconsistencies the same way.
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Count < sorted[i - 1].Count)
            {
                sorted[i] = (sorted[i].UpperBound, sorted[i - 1].Count);
            }
        }

        var observations = sorted[^1].Count;
        if (observations == 0 || double.IsNaN(observations))
        {
            return double.NaN;
        }

        var rank = quantile * observations;
        var b = sorted.FindIndex(x => x.Count >= rank);
        if (b == sorted.Count - 1)
        {
            return sorted[^2].UpperBound;
        }

        if (b == 0 && sorted[0].UpperBound <= 0)
        {
            return sorted[0].UpperBound;
        }

        var start = 0.0;
        var end = sorted[b].UpperBound;
        var count = sorted[b].Count;
        if (b > 0)
        {
            start = sorted[b - 1].UpperBound;
            count -= sorted[b - 1].Count;
            rank -= sorted[b - 1].Count;
        }

        return start + ((end - start) * (rank / count));
    }
}
