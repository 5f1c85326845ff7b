namespace Operator.TiKV.Prometheus;

/// <summary>Answer of a range query: one series per label set (none when nothing matched), plus Prometheus' warnings.</summary>
public sealed record PromMatrix(IReadOnlyList<PromSeries> Series, IReadOnlyList<string> Warnings);
