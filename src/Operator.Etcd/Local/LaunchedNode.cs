namespace Operator.Etcd.Local;

/// <summary>A member process just started: its verified pid and where this run's output begins.</summary>
internal sealed record LaunchedNode(LocalNodeSpec Node, int Pid, LogMark Mark, DateTimeOffset LaunchedAt);
