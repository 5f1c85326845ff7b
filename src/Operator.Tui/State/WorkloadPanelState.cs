namespace Operator.Tui.State;

/// <summary>The WORKLOAD panel: the load generator's recent seconds and its verdict against the baseline.</summary>
/// <param name="Points">The last ~60 one-second points, oldest first.</param>
/// <param name="Assessment">Baseline and health computed from <paramref name="Points"/>.</param>
/// <param name="TotalErrors">Failed operations since the load started.</param>
/// <param name="Status">Whether the load generator process is running.</param>
/// <param name="ExitCode">Its exit code once it exited.</param>
/// <param name="LastError">The most recent error message the generator reported, if any.</param>
/// <param name="Describe">What runs (<c>workload a · 16 clients · 3 members</c>); empty before it starts.</param>
public sealed record WorkloadPanelState(
    IReadOnlyList<WorkloadPoint> Points,
    WorkloadAssessment Assessment,
    long TotalErrors,
    ProcessStatus Status,
    int? ExitCode,
    string? LastError,
    string Describe)
{
    public static WorkloadPanelState NotStarted { get; } = new([], WorkloadAssessment.None, 0, ProcessStatus.NotStarted, null, null, string.Empty);

    /// <summary>The newest point, or null.</summary>
    public WorkloadPoint? Current => Points.Count > 0 ? Points[^1] : null;
}
