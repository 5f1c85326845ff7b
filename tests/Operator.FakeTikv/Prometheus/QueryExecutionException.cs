namespace Operator.FakeTikv.Prometheus;

/// <summary>A query Prometheus would refuse while evaluating it (422, <c>errorType</c> <c>execution</c>), e.g. many-to-many matching.</summary>
public sealed class QueryExecutionException(string message) : Exception(message);
