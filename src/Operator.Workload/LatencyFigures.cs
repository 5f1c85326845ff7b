using HdrHistogram;

namespace Operator.Workload;

/// <summary>Latency percentiles in milliseconds (microsecond resolution, HdrHistogram's 3 significant digits).</summary>
public sealed record LatencyFigures(double P50Ms, double P99Ms, double P999Ms, double MaxMs)
{
    /// <summary>From a histogram of microseconds; null when it holds no value.</summary>
    public static LatencyFigures? FromMicroseconds(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        if (histogram.TotalCount == 0)
        {
            return null;
        }

        return new LatencyFigures(
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()));
    }

    private static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 3);
}
