namespace Operator.Workload;

/// <summary>What happened in one reporting interval (normally one second; the last one of a run may be shorter).</summary>
/// <param name="At">End of the interval.</param>
/// <param name="Second">1 for the first interval of the run, 2 for the next, …</param>
/// <param name="Ops">Successful operations.</param>
/// <param name="OpsPerSec">Successful operations per second of this interval.</param>
/// <param name="Reads">Successful reads.</param>
/// <param name="Updates">Successful updates.</param>
/// <param name="Errors">Failed operations.</param>
/// <param name="Latency">Latency of this interval's successful operations, or null when there were none.</param>
/// <param name="LastError">The interval's last error message, or null when there were none.</param>
/// <param name="IntervalSeconds">Length of the interval.</param>
public sealed record LoadInterval(
    DateTimeOffset At,
    int Second,
    long Ops,
    double OpsPerSec,
    long Reads,
    long Updates,
    long Errors,
    LatencyFigures? Latency,
    string? LastError,
    double IntervalSeconds) : LoadEvent(At);
