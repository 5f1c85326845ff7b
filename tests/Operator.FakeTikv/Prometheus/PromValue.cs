namespace Operator.FakeTikv.Prometheus;

/// <summary>A PromQL value: a scalar, an instant vector, or a range vector (only as a function argument).</summary>
public abstract record PromValue;

public sealed record ScalarValue(double Value) : PromValue;

/// <summary>An instant vector: one value per label set.</summary>
public sealed record VectorValue(IReadOnlyList<Sample> Samples) : PromValue;

/// <summary>The series a range selector picked, with the window length.</summary>
public sealed record RangeValue(IReadOnlyList<MetricSeries> Series, TimeSpan Window) : PromValue;

/// <summary>One element of an instant vector.</summary>
public sealed record Sample(LabelSet Labels, double Value);
