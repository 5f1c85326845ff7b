namespace Operator.TiKV.Prometheus;

/// <summary>Answer of an instant query: one sample per series (none when nothing matched), plus Prometheus' warnings.</summary>
public sealed record PromVector(IReadOnlyList<PromSample> Samples, IReadOnlyList<string> Warnings);
