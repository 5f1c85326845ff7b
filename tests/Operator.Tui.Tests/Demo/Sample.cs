using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Core.Tickets;

namespace Operator.Tui.Tests.Demo;

/// <summary>Observations and tickets for demo tests.</summary>
internal static class Sample
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    public static NodeObservation Node(string name, NodeState state = NodeState.Up, bool leader = false) =>
        new(name, "etcd", $"http://127.0.0.1:0/{name}", state, leader, 100, ProcessState.Running, state == NodeState.Up ? null : "connection refused",
            new Dictionary<string, double>(), new Dictionary<string, string>(), TimeSpan.FromMilliseconds(1), new Dictionary<string, HistogramSnapshot>());

    public static Observation Cluster(params NodeObservation[] nodes) =>
        new(T0, "etcd", nodes, new Dictionary<string, string>(), [], TimeSpan.FromMilliseconds(3));

    public static Observation Healthy() => Cluster(Node("n1", leader: true), Node("n2"), Node("n3"));

    public static Ticket Ticket(long id, string node, DateTimeOffset firstSeen, TicketStatus status = TicketStatus.Open, string? diagnosis = null, DateTimeOffset? resolvedAt = null) =>
        new(id, "etcd", "member_down", node, node, status, Severity.Critical, $"{node} is down", firstSeen, firstSeen, resolvedAt, 1, false, false, "{}", diagnosis, null);
}
