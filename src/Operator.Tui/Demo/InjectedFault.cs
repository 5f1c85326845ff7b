namespace Operator.Tui.Demo;

/// <summary>A fault the demo injected: which node, which process, when, and how to say it.</summary>
/// <param name="Fault">The fault.</param>
/// <param name="Node">The node hit.</param>
/// <param name="Pid">Its process id, when known.</param>
/// <param name="At">When the signal was sent (UTC).</param>
/// <param name="Description">One line for the narration (<c>killed n2 (the leader, pid 4121) with SIGKILL</c>).</param>
public sealed record InjectedFault(DemoFault Fault, string Node, int? Pid, DateTimeOffset At, string Description);
