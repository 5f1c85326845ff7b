namespace Operator.Etcd.Local;

/// <summary>A member started again with its data dir and flags, and answering.</summary>
/// <param name="Name">Member name.</param>
/// <param name="Pid">The new etcd pid.</param>
/// <param name="LaunchedAt">When the process was launched.</param>
/// <param name="AnsweredAt">When its status endpoint first answered.</param>
public sealed record NodeStarted(string Name, int Pid, DateTimeOffset LaunchedAt, DateTimeOffset AnsweredAt);
