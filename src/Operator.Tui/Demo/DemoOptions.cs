namespace Operator.Tui.Demo;

/// <summary>How a demo run behaves.</summary>
/// <param name="Fault">The fault to inject.</param>
/// <param name="Engine">The agent's diagnosis engine, for the header and narration.</param>
/// <param name="AutoAdvance">Chapter time in auto mode; null advances on key presses only.</param>
public sealed record DemoOptions(DemoFault Fault, string Engine, TimeSpan? AutoAdvance)
{
    /// <summary>Time between frames (5 redraws a second).</summary>
    public TimeSpan Refresh { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often the dashboard observes the cluster and reads the tickets itself.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Output lines kept per process panel.</summary>
    public int PanelLines { get; init; } = 200;

    /// <summary>Workload seconds kept for the sparkline.</summary>
    public int WorkloadSeconds { get; init; } = 60;

    /// <summary>How long each child gets to stop after SIGTERM before it is killed.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(5);
}
