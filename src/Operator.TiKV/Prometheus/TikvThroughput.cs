namespace Operator.TiKV.Prometheus;

/// <summary>The whole cluster's request rate and p99 as TiKV counts them (server side, from Prometheus).</summary>
/// <param name="OpsPerSec">gRPC messages per second over every store; null when it could not be read.</param>
/// <param name="P99Seconds">p99 gRPC message duration; null when unknown (no traffic, or not read).</param>
/// <param name="Unavailable">Why the rate could not be read; null when it was.</param>
public sealed record TikvThroughput(double? OpsPerSec, double? P99Seconds, string? Unavailable);
