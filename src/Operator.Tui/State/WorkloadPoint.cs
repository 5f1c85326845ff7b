namespace Operator.Tui.State;

/// <summary>One second of the workload as the load generator reported it.</summary>
/// <param name="Second">Seconds since the load started (1, 2, …).</param>
/// <param name="OpsPerSec">Successful operations per second in that interval.</param>
/// <param name="P99Ms">p99 latency of that interval's successful operations; null when none succeeded.</param>
/// <param name="Errors">Failed operations in that interval; null when the source cannot count them (server-side figures).</param>
public sealed record WorkloadPoint(int Second, double OpsPerSec, double? P99Ms, long? Errors);
