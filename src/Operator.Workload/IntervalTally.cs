using HdrHistogram;

namespace Operator.Workload;

/// <summary>What <see cref="LoadStats"/> counted in one interval: latency histograms (µs) of successful reads and updates, and the failures.</summary>
internal sealed record IntervalTally(HistogramBase Reads, HistogramBase Updates, long Errors, string? LastError)
{
    public long Ops => Reads.TotalCount + Updates.TotalCount;
}
