namespace Operator.FakeTikv.Prometheus;

/// <summary>
/// One time series as Prometheus holds it at an instant: labels (with <c>__name__</c>), the latest sample, and the
/// per-second increase over recent scrapes (counters; 0 for gauges), which is what <c>rate()</c> returns.
/// </summary>
public sealed record MetricSeries(LabelSet Labels, double Value, double Rate);
