
namespace Operator.FakeTikv.Prometheus;

/// <summary>
/// Histogram series (<c>_bucket</c>, <c>_count</c>, <c>_sum</c>) for a target p99, with exponential buckets like
/// TiKV's. Bucket rates are placed so that PromQL's <c>histogram_quantile(0.99, …)</c> returns exactly the target (also
/// after summing several such histograms), and NaN when the rate is 0, as over an idle window.
/// </summary>
public static class LatencyHistogram
{
    /// <summary>Upper bounds: 10 µs doubling up to about 168 s; then +Inf.</summary>
    public static IReadOnlyList<double> Bounds { get; } = Enumerable.Range(0, 25).Select(k => 0.00001 * Math.Pow(2, k)).ToArray();

    /// <summary>Cumulative per-second rates for each bound, and for +Inf last.</summary>
    public static double[] CumulativeRates(double ratePerSecond, double p99Seconds)
    {
        var bounds = Bounds;
        var cumulative = new double[bounds.Count + 1];
        var total = Math.Max(0, ratePerSecond);
        cumulative[^1] = total;
        if (total == 0 || double.IsNaN(p99Seconds))
        {
            return cumulative;
        }

        var target = Math.Clamp(p99Seconds, bounds[0], bounds[^1]);
        var b = 0;
        while (bounds[b] < target)
        {
            b++;
        }

        double fraction;
        if (b == 0)
        {
            // The target is the first bound: it is the upper end of bucket 0, i.e. the lower end of bucket 1.
            b = 1;
            fraction = 0;
        }
        else
        {
            fraction = (target - bounds[b - 1]) / (bounds[b] - bounds[b - 1]);
        }

        // 99 % of observations minus a sliver sit at or below the lower bound, 1 % inside the target's bucket, the
        // rest above it: the interpolated 0.99 rank then lands at the target.
        var below = total * (0.99 - (0.01 * fraction));
        for (var k = 0; k < b; k++)
        {
            cumulative[k] = below * (k + 1) / b;
        }

        cumulative[b] = below + (0.01 * total);
        for (var k = b + 1; k < bounds.Count; k++)
        {
            cumulative[k] = total;
        }

        return cumulative;
    }

    private static readonly string[] LeTexts = [.. Bounds.Select(Wire.PromFloat.Value), "+Inf"];

    /// <summary>The <c>le</c> label value Prometheus shows for a bound (Go's shortest float form, <c>+Inf</c>).</summary>
    public static string Le(int index) => LeTexts[Math.Min(index, LeTexts.Length - 1)];
}
