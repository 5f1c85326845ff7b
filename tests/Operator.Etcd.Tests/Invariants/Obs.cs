using Operator.Core.Observing;

namespace Operator.Etcd.Tests.Invariants;

/// <summary>Builds observations for invariant tests.</summary>
internal static class Obs
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public static NodeObservation Node(
        string name,
        NodeState state = NodeState.Up,
        bool leader = false,
        string? leaderId = "1",
        int? pid = 100,
        ProcessState process = ProcessState.Running,
        string? error = null,
        Dictionary<string, double>? metrics = null,
        Dictionary<string, string>? facts = null,
        Dictionary<string, HistogramSnapshot>? histograms = null)
    {
        var f = new Dictionary<string, string>(facts ?? []);
        if (state == NodeState.Up && leaderId is not null)
        {
            f.TryAdd(EtcdReadings.LeaderId, leaderId);
        }

        return new NodeObservation(name, "etcd", $"http://127.0.0.1:0/{name}", state, leader, pid, process, error,
            metrics ?? new Dictionary<string, double> { [EtcdReadings.RaftTerm] = 2 }, f, TimeSpan.FromMilliseconds(2),
            histograms ?? new Dictionary<string, HistogramSnapshot>());
    }

    public static Observation Of(DateTimeOffset at, params NodeObservation[] nodes) => Of(at, leader: nodes.FirstOrDefault(n => n.IsLeader && n.IsUp)?.Name, nodes);

    public static Observation Of(DateTimeOffset at, string? leader, params NodeObservation[] nodes)
    {
        var facts = new Dictionary<string, string> { [EtcdReadings.MemberCount] = nodes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (leader is not null)
        {
            facts[EtcdReadings.Leader] = leader;
        }

        return new Observation(at, "etcd", nodes, facts, [], TimeSpan.FromMilliseconds(5));
    }

    public static Observation Healthy(DateTimeOffset at) => Of(at, Node("n1", leader: true), Node("n2"), Node("n3"));
}
