using Operator.Tui.Chapters;

namespace Operator.Tui.Demo;

/// <summary>How a demo run ended.</summary>
/// <param name="Record">What the chapters established.</param>
/// <param name="Completed">True when the presenter (or auto mode) went through every chapter.</param>
/// <param name="Failures">Chapters whose action failed: <c>Detection: a ticket for n1 did not happen within 30s</c>.</param>
/// <param name="Cleanup">What was stopped at the end, one line.</param>
public sealed record DemoOutcome(DemoRecord Record, bool Completed, IReadOnlyList<string> Failures, string Cleanup)
{
    public bool AnyFailed => Failures.Count > 0;

    /// <summary>0 when the run went as shown (or the presenter quit early without a failure), 1 when a step failed.</summary>
    public int ExitCode => AnyFailed || (Completed && !Record.Succeeded) ? 1 : 0;
}
