namespace Operator.FakeTikv.Prometheus;

/// <summary>The query is not PromQL the fake understands (or not PromQL at all); the fake answers an empty vector and records it.</summary>
public sealed class UnsupportedQueryException(string message) : Exception(message);
