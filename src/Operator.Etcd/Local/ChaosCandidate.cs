namespace Operator.Etcd.Local;

/// <summary>A node as the chaos target resolver sees it.</summary>
/// <param name="Name">Member name.</param>
/// <param name="IsUp">Its process is running (a killed or paused node is not up).</param>
/// <param name="IsLeader">The cluster currently reports it as leader.</param>
public sealed record ChaosCandidate(string Name, bool IsUp, bool IsLeader);
