namespace Operator.Core.Observing;

/// <summary>One node as seen in one observation: identity, reachability, role and the readings a subject collected.</summary>
/// <param name="Name">Stable node name (e.g. <c>n2</c>).</param>
/// <param name="Role">Subject-specific role (<c>etcd</c>, <c>pd</c>, <c>tikv</c>).</param>
/// <param name="Address">The address probed (client URL).</param>
/// <param name="State">Reachability verdict.</param>
/// <param name="IsLeader">True when this node reports itself as the leader.</param>
/// <param name="Pid">Process id when the deployment knows it.</param>
/// <param name="Process">What the OS says about that process.</param>
/// <param name="Error">The probe failure, phrased as "what was done, to what: what happened", when not up.</param>
/// <param name="Metrics">Numeric readings by name (subject-defined names, e.g. <c>db_size_bytes</c>).</param>
/// <param name="Facts">Textual readings by name (e.g. <c>leader_id</c>, <c>alarms</c>, <c>version</c>).</param>
/// <param name="ProbeLatency">How long the node's main probe took.</param>
/// <param name="Histograms">Cumulative histograms by name (e.g. <c>request_duration_seconds</c>), for window-based invariants.</param>
public sealed record NodeObservation(
    string Name,
    string Role,
    string Address,
    NodeState State,
    bool IsLeader,
    int? Pid,
    ProcessState Process,
    string? Error,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, string> Facts,
    TimeSpan ProbeLatency,
    IReadOnlyDictionary<string, HistogramSnapshot> Histograms)
{
    public double? Metric(string name) => Metrics.TryGetValue(name, out var v) ? v : null;

    public string? Fact(string name) => Facts.TryGetValue(name, out var v) ? v : null;

    public bool IsUp => State == NodeState.Up;
}
