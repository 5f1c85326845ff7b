namespace Operator.Tui.State;

/// <summary>Where a child process of the dashboard is in its life.</summary>
public enum ProcessStatus
{
    /// <summary>Not started yet (its chapter has not come).</summary>
    NotStarted,

    /// <summary>Started and still running.</summary>
    Running,

    /// <summary>Exited; the panel shows the exit code.</summary>
    Exited,
}
