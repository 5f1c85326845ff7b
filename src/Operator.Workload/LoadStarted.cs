namespace Operator.Workload;

/// <summary>The records are loaded and measuring begins.</summary>
/// <param name="At">When measuring began.</param>
/// <param name="Workload">Workload letter (<c>a</c>).</param>
/// <param name="Clients">Concurrent clients.</param>
/// <param name="Records">Keys in the key space (all written by the load phase).</param>
/// <param name="TargetRate">Total ops/s the clients are paced to, or null when they run closed-loop.</param>
/// <param name="Endpoints">The target's endpoints (client URLs).</param>
/// <param name="ValueSize">Bytes per value.</param>
/// <param name="DurationSeconds">Planned measuring time, or null when the run lasts until it is stopped.</param>
/// <param name="LoadSeconds">How long the load phase took.</param>
public sealed record LoadStarted(
    DateTimeOffset At,
    string Workload,
    int Clients,
    int Records,
    double? TargetRate,
    IReadOnlyList<string> Endpoints,
    int ValueSize,
    double? DurationSeconds,
    double LoadSeconds) : LoadEvent(At);
