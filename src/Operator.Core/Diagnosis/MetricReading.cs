namespace Operator.Core.Diagnosis;

/// <summary>A reading a diagnosis relied on.</summary>
public sealed record MetricReading(string Node, string Name, double Value, string? Unit = null);
