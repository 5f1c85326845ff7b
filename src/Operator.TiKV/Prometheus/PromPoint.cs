namespace Operator.TiKV.Prometheus;

/// <summary>One point of a range-query series.</summary>
public sealed record PromPoint(DateTimeOffset Timestamp, double Value);
