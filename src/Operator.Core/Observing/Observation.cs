namespace Operator.Core.Observing;

/// <summary>One timestamped snapshot of a subject's cluster.</summary>
/// <param name="At">When the observation started (UTC).</param>
/// <param name="Subject">Subject name (<c>etcd</c>, <c>tikv</c>).</param>
/// <param name="Nodes">Every known node, reachable or not.</param>
/// <param name="Facts">Cluster-wide readings (e.g. <c>leader</c>, <c>member_count</c>).</param>
/// <param name="Errors">Problems met while observing that do not belong to one node.</param>
/// <param name="Duration">How long observing took.</param>
public sealed record Observation(
    DateTimeOffset At,
    string Subject,
    IReadOnlyList<NodeObservation> Nodes,
    IReadOnlyDictionary<string, string> Facts,
    IReadOnlyList<string> Errors,
    TimeSpan Duration)
{
    public NodeObservation? Node(string name) => Nodes.FirstOrDefault(n => n.Name == name);

    public string? Fact(string name) => Facts.TryGetValue(name, out var v) ? v : null;

    public NodeObservation? Leader => Nodes.FirstOrDefault(n => n.IsLeader && n.IsUp);
}
