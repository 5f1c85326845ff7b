namespace Operator.Tui.State;

/// <summary>How the workload is doing compared with its own recent baseline.</summary>
public enum WorkloadHealth
{
    /// <summary>No samples yet.</summary>
    Idle,

    /// <summary>Too few samples for a baseline; shown neutral.</summary>
    Warming,

    /// <summary>Throughput at least half the baseline and no errors in the last interval.</summary>
    Healthy,

    /// <summary>Throughput below half the baseline, or errors in the last interval.</summary>
    Degraded,
}
