namespace Operator.Workload;

/// <summary>The whole measured run (the load phase excluded).</summary>
/// <param name="At">When measuring ended.</param>
/// <param name="DurationSeconds">Measured time.</param>
/// <param name="Ops">Successful operations.</param>
/// <param name="OpsPerSec">Successful operations per second over the run.</param>
/// <param name="Reads">Successful reads.</param>
/// <param name="Updates">Successful updates.</param>
/// <param name="Errors">Failed operations.</param>
/// <param name="Latency">Latency of all successful operations, or null when there were none.</param>
/// <param name="LastError">The run's last error message, or null when there were none.</param>
public sealed record LoadSummary(
    DateTimeOffset At,
    double DurationSeconds,
    long Ops,
    double OpsPerSec,
    long Reads,
    long Updates,
    long Errors,
    LatencyFigures? Latency,
    string? LastError) : LoadEvent(At);
