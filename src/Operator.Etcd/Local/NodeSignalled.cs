namespace Operator.Etcd.Local;

/// <summary>A signal delivered to a member's process.</summary>
/// <param name="Name">Member name.</param>
/// <param name="Pid">The pid that was signalled.</param>
/// <param name="Signal">Signal number (9 SIGKILL, 19 SIGSTOP, 18 SIGCONT).</param>
/// <param name="At">Time taken right after the kill(2) call returned.</param>
public sealed record NodeSignalled(string Name, int Pid, int Signal, DateTimeOffset At);
