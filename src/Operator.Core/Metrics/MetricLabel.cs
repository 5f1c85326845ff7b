namespace Operator.Core.Metrics;

/// <summary>One label of a Prometheus sample (<c>grpc_type="unary"</c>), value already unescaped.</summary>
public readonly record struct MetricLabel(string Name, string Value);
