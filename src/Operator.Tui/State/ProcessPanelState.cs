namespace Operator.Tui.State;

/// <summary>A panel that streams a child process's output (MONITOR, AGENT).</summary>
/// <param name="Title">Panel title.</param>
/// <param name="Lines">The most recent output lines, oldest first (stdout and stderr interleaved as they arrived).</param>
/// <param name="Status">Whether the child is running.</param>
/// <param name="Pid">The child's pid once started.</param>
/// <param name="ExitCode">The exit code once it exited.</param>
public sealed record ProcessPanelState(string Title, IReadOnlyList<string> Lines, ProcessStatus Status, int? Pid, int? ExitCode)
{
    public static ProcessPanelState NotStarted(string title) => new(title, [], ProcessStatus.NotStarted, null, null);
}
