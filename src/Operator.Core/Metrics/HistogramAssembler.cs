using Operator.Core.Observing;

namespace Operator.Core.Metrics;

/// <summary>Builds a <see cref="HistogramSnapshot"/> from the <c>_bucket</c>, <c>_count</c> and <c>_sum</c> series of one histogram family.</summary>
public static class HistogramAssembler
{
    /// <summary>
    /// Sums the family's series across all other labels, keeping only samples for which <paramref name="where"/>
    /// holds (e.g. <c>grpc_type="unary"</c>). Null when no bucket series matched. Buckets with an unreadable
    /// <c>le</c> are ignored; a missing +Inf bucket is added from the count.
    /// </summary>
    public static HistogramSnapshot? Assemble(IEnumerable<MetricSample> samples, string family, Func<MetricSample, bool>? where = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(family);

        var bucketName = family + "_bucket";
        var countName = family + "_count";
        var sumName = family + "_sum";

        var buckets = new Dictionary<double, double>();
        double? count = null;
        var sum = 0.0;
        foreach (var sample in samples)
        {
            if (sample.Name.Length < family.Length || !sample.Name.StartsWith(family, StringComparison.Ordinal))
            {
                continue;
            }

            if (where is not null && !where(sample))
            {
                continue;
            }

            if (string.Equals(sample.Name, bucketName, StringComparison.Ordinal))
            {
                var le = sample.Label("le");
                if (le is null || !PrometheusTextParser.TryParseValue(le, out var bound) || double.IsNaN(bound))
                {
                    continue;
                }

                buckets[bound] = buckets.GetValueOrDefault(bound) + sample.Value;
            }
            else if (string.Equals(sample.Name, countName, StringComparison.Ordinal))
            {
                count = (count ?? 0) + sample.Value;
            }
            else if (string.Equals(sample.Name, sumName, StringComparison.Ordinal))
            {
                sum += sample.Value;
            }
        }

        if (buckets.Count == 0)
        {
            return null;
        }

        var sorted = buckets.OrderBy(b => b.Key).Select(b => (UpperBound: b.Key, Count: b.Value)).ToList();
        if (!double.IsPositiveInfinity(sorted[^1].UpperBound))
        {
            sorted.Add((double.PositiveInfinity, count ?? sorted[^1].Count));
        }

        return new HistogramSnapshot(sorted, count ?? sorted[^1].Count, sum);
    }
}
