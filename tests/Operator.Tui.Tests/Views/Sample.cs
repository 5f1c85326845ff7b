using System.Globalization;
using Operator.Core.Observing;
using Operator.Tui.State;

namespace Operator.Tui.Tests.Views;

/// <summary>State records as the demo loop would build them, for rendering in tests.</summary>
internal static class Sample
{
    public static NodeRow Node(string name, NodeState state = NodeState.Up, bool leader = false, TicketMark? ticket = null) =>
        new(name, "etcd", state, leader, "term 4 · db 24 KiB", ticket);

    public static TicketMark Ticket(long id, string node, string invariant = "member_down") =>
        new(id, $"{invariant}:{node}", node, "critical", "open", null);

    public static ClusterPanelState Cluster(params NodeRow[] nodes)
    {
        var tickets = nodes.Where(n => n.Ticket is not null).Select(n => n.Ticket!).ToList();
        return new ClusterPanelState(nodes, nodes.FirstOrDefault(n => n.IsLeader)?.Name, tickets, null, DateTimeOffset.UnixEpoch);
    }

    public static ClusterPanelState HealthyCluster() =>
        Cluster(Node("n1", leader: true), Node("n2"), Node("n3"));

    public static List<string> Heartbeats(int count, int from = 1) =>
        Enumerable.Range(from, count)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"10:31:{i % 60:00}.412 cycle {i}: 3/3 up, leader n1 | 9 invariants, 0 violations | opened 0, resolved 0 | 3 ms"))
            .ToList();

    public const string Diagnosis =
        "10:31:41.071 DIAGNOSED #3 member_down:n1 → process_crashed on n1 (high 0.92) by rules in 2 ms: etcd member n1 process exited "
        + "after SIGKILL; the remaining two members elected n2 and keep quorum. Restart n1 with the same data dir.";

    public static ProcessPanelState Running(string title, IReadOnlyList<string> lines, int pid = 123) =>
        new(title, lines, ProcessStatus.Running, pid, null);

    public static List<WorkloadPoint> Steady(int seconds, double ops = 1000) =>
        Enumerable.Range(1, seconds).Select(s => new WorkloadPoint(s, ops, 2.5, 0)).ToList();

    public static WorkloadPanelState Workload(List<WorkloadPoint> points, long totalErrors = 0) =>
        new(points, WorkloadAssessment.Assess(points), totalErrors, ProcessStatus.Running, null, null, "workload a · 16 clients · 3 members");

    public static WorkloadPanelState HealthyWorkload() => Workload(Steady(30));

    public static WorkloadPanelState DegradedWorkload()
    {
        var points = Steady(30);
        points.AddRange(Enumerable.Range(31, 5).Select(s => new WorkloadPoint(s, 100, 80, 2)));
        return Workload(points, totalErrors: 10);
    }

    public static NarrationState Narration(string? countdown = null, bool busy = false, string? status = null, bool failed = false) =>
        new(4, 8, "Fault injection", "We kill the etcd leader. The monitor should notice within a second.", "CLUSTER for the red node.",
            status, countdown, busy, busy ? "still working on this step — SPACE will work once it is done · Q quit" : "SPACE/ENTER next · Q quit", failed);

    public static HeaderState Header() => new("etcd", "rules", "kill-leader", TimeSpan.FromSeconds(83), "auto");

    public static DashboardState Dashboard() => new(
        Header(),
        Cluster(Node("n1", NodeState.Down, ticket: Ticket(3, "n1")), Node("n2", leader: true), Node("n3")),
        Running("MONITOR", Heartbeats(80)),
        Running("AGENT", ["10:31:00.100 agent started: subject etcd, engine rules", Diagnosis], pid: 124),
        DegradedWorkload(),
        Narration(status: "ticket #3 opened 38 ms after the kill"));

    /// <summary>Every list empty, every optional value null, every string empty.</summary>
    public static DashboardState Empty() => new(
        new HeaderState(string.Empty, string.Empty, string.Empty, TimeSpan.Zero, string.Empty),
        ClusterPanelState.Waiting(string.Empty),
        ProcessPanelState.NotStarted("MONITOR"),
        ProcessPanelState.NotStarted("AGENT"),
        WorkloadPanelState.NotStarted,
        new NarrationState(0, 0, string.Empty, string.Empty, string.Empty, null, null, false, string.Empty));
}
