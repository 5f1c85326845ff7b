namespace Operator.Tui.State;

/// <summary>Everything the dashboard draws at one instant. Views are pure functions of it; the demo loop builds it.</summary>
public sealed record DashboardState(
    HeaderState Header,
    ClusterPanelState Cluster,
    ProcessPanelState Monitor,
    ProcessPanelState Agent,
    WorkloadPanelState Workload,
    NarrationState Narration);
