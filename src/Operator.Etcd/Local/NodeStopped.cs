namespace Operator.Etcd.Local;

/// <summary>What <c>cluster down</c> did to one member.</summary>
/// <param name="Name">Member name.</param>
/// <param name="Pid">The recorded pid, if there was one.</param>
/// <param name="Outcome">Whether it was running and how it stopped.</param>
/// <param name="WasLeader">It was the leader, so it was stopped after the followers.</param>
public sealed record NodeStopped(string Name, int? Pid, StopOutcome Outcome, bool WasLeader);
