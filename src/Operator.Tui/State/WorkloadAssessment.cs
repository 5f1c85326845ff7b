namespace Operator.Tui.State;

/// <summary>
/// The workload's baseline throughput and whether it is degraded: red when the last second's throughput is below half
/// the baseline or had errors. The baseline is the 75th percentile of the recent seconds after a short warm-up, so a
/// fault lasting a minority of the window does not drag it down, and the demo's recovery shows as a return to green.
/// </summary>
/// <param name="Baseline">Baseline ops/s, null while warming up.</param>
/// <param name="Health">The verdict for the newest point.</param>
public sealed record WorkloadAssessment(double? Baseline, WorkloadHealth Health)
{
    /// <summary>Seconds ignored at the start (connections and JIT warming).</summary>
    public const int WarmUpSeconds = 2;

    /// <summary>Points needed after the warm-up before there is a baseline.</summary>
    public const int MinimumPoints = 3;

    /// <summary>Below this fraction of the baseline the workload is degraded.</summary>
    public const double DegradedFraction = 0.5;

    public static WorkloadAssessment None { get; } = new(null, WorkloadHealth.Idle);

    /// <summary>Assesses the newest point against the others (points oldest first).</summary>
    public static WorkloadAssessment Assess(IReadOnlyList<WorkloadPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return None;
        }

        var settled = points.Where(p => p.Second > WarmUpSeconds).Select(p => p.OpsPerSec).Order().ToArray();
        var current = points[^1];
        if (settled.Length < MinimumPoints)
        {
            return new WorkloadAssessment(null, current.Errors > 0 ? WorkloadHealth.Degraded : WorkloadHealth.Warming);
        }

        var baseline = settled[(int)Math.Floor(0.75 * (settled.Length - 1))];
        var degraded = current.Errors > 0 || current.OpsPerSec < DegradedFraction * baseline;
        return new WorkloadAssessment(baseline, degraded ? WorkloadHealth.Degraded : WorkloadHealth.Healthy);
    }

    /// <summary>True when a point's throughput counts as degraded against this baseline (for colouring sparkline bars).</summary>
    public bool IsLow(WorkloadPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.Errors > 0 || (Baseline is { } b && point.OpsPerSec < DegradedFraction * b);
    }
}
