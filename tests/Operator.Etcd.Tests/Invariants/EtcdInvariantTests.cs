using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Etcd.Invariants;
using static Operator.Etcd.Tests.Invariants.Obs;

namespace Operator.Etcd.Tests.Invariants;

public sealed class EtcdInvariantTests
{
    private static IReadOnlyList<Finding>? Run(IInvariant invariant, Observation o) => invariant.Check(o, invariant.Defaults);

    [Fact]
    public void Healthy_cluster_violates_nothing()
    {
        foreach (var invariant in EtcdInvariants.Create())
        {
            var findings = Run(invariant, Healthy(T0));
            Assert.True(findings is null || findings.Count == 0, $"{invariant.Name} fired on a healthy cluster");
        }
    }

    [Fact]
    public void Registry_lists_every_invariant_named_in_the_issue_once()
    {
        var names = EtcdInvariants.Create().Select(i => i.Name).ToList();
        Assert.Equal(
            ["quorum_lost", "member_down", "member_unresponsive", "no_leader", "alarm_active", "db_size_near_quota", "high_request_latency", "leader_flapping", "member_isolated", "peer_latency_high"],
            names);
    }

    [Fact]
    public void Killed_member_is_reported_down_with_its_error_and_pid()
    {
        var o = Of(T0, Node("n1", leader: true), Node("n2", NodeState.Down, pid: 4121, process: ProcessState.Gone, error: "get status from http://127.0.0.1:23792: connection refused"), Node("n3"));
        var f = Assert.Single(Run(new MemberDownInvariant(), o)!);
        Assert.Equal("n2", f.Target);
        Assert.Equal("n2", f.Node);
        Assert.Contains("connection refused", f.Message);
        Assert.Contains("pid 4121 is gone", f.Message);
        Assert.Contains("2 of 3 members up", f.Message);
        Assert.Equal("down", f.Snapshot["state"]);
    }

    [Fact]
    public void Paused_member_is_unresponsive_not_down()
    {
        var o = Of(T0, Node("n1", leader: true), Node("n2", NodeState.Paused, pid: 77, process: ProcessState.Stopped, error: "get status from http://x: no answer within 300 ms"), Node("n3"));
        Assert.Empty(Run(new MemberDownInvariant(), o)!);
        var f = Assert.Single(Run(new MemberUnresponsiveInvariant(), o)!);
        Assert.Contains("n2 is paused", f.Message);
        Assert.Contains("pid 77 is stopped (SIGSTOP)", f.Message);
    }

    [Fact]
    public void No_leader_fires_only_when_reachable_members_know_none()
    {
        var inv = new NoLeaderInvariant();
        var leaderless = Of(T0, leader: null, Node("n1", leaderId: null), Node("n2", leaderId: null), Node("n3", NodeState.Down));
        var f = Assert.Single(Run(inv, leaderless)!);
        Assert.Equal("cluster", f.Target);
        Assert.Null(f.Node);
        Assert.Contains("2 reachable members", f.Message);

        var allDown = Of(T0, leader: null, Node("n1", NodeState.Down), Node("n2", NodeState.Down), Node("n3", NodeState.Down));
        Assert.Null(Run(inv, allDown));
    }

    [Fact]
    public void Quorum_is_lost_when_fewer_than_a_majority_are_up()
    {
        var inv = new QuorumLostInvariant();
        var oneDown = Of(T0, Node("n1", leader: true), Node("n2", NodeState.Down), Node("n3"));
        Assert.Empty(Run(inv, oneDown)!);

        var twoDown = Of(T0, leader: null, Node("n1"), Node("n2", NodeState.Down), Node("n3", NodeState.Unresponsive));
        var f = Assert.Single(Run(inv, twoDown)!);
        Assert.Contains("1 of 3 members up (n1); 2 are needed", f.Message);
    }

    [Fact]
    public void Member_list_count_beats_observed_nodes_for_majority()
    {
        // 5 members known from the member list, only 3 endpoints probed and all up: 3 of 5 is still a majority.
        var o = Of(T0, Node("n1", leader: true), Node("n2"), Node("n3")) with
        {
            Facts = new Dictionary<string, string> { [EtcdReadings.MemberCount] = "5", [EtcdReadings.Leader] = "n1" },
        };
        Assert.Empty(Run(new QuorumLostInvariant(), o)!);
        var twoUp = o with { Nodes = [Node("n1", leader: true), Node("n2"), Node("n3", NodeState.Down)] };
        Assert.Contains("2 of 5 members up", Assert.Single(Run(new QuorumLostInvariant(), twoUp)!).Message);
    }

    [Fact]
    public void Nospace_alarm_is_reported_once_for_the_cluster()
    {
        var facts = new Dictionary<string, string> { [EtcdReadings.Alarms] = "NOSPACE" };
        var o = Of(T0, Node("n1", leader: true, facts: facts), Node("n2", facts: facts), Node("n3"));
        var f = Assert.Single(Run(new AlarmActiveInvariant(), o)!);
        Assert.Equal("cluster", f.Target);
        Assert.Contains("alarm NOSPACE active (reported by n1, n2)", f.Message);
    }

    [Fact]
    public void Db_size_over_ratio_of_quota_is_reported_per_member()
    {
        var big = new Dictionary<string, double> { [EtcdReadings.DbSizeBytes] = 14 * 1048576, [EtcdReadings.QuotaBytes] = 16 * 1048576 };
        var small = new Dictionary<string, double> { [EtcdReadings.DbSizeBytes] = 1 * 1048576, [EtcdReadings.QuotaBytes] = 16 * 1048576 };
        var o = Of(T0, Node("n1", leader: true, metrics: small), Node("n2", metrics: big), Node("n3", metrics: small));
        var inv = new DbSizeNearQuotaInvariant();
        var f = Assert.Single(Run(inv, o)!);
        Assert.Equal("n2", f.Target);
        Assert.Contains("88%", f.Message.Replace(" ", string.Empty, StringComparison.Ordinal));

        var stricter = inv.Defaults with { Parameters = new Dictionary<string, double> { ["ratio"] = 0.95 } };
        Assert.Empty(inv.Check(o, stricter)!);
    }

    [Fact]
    public void Db_size_cannot_be_judged_without_metrics()
    {
        Assert.Null(Run(new DbSizeNearQuotaInvariant(), Healthy(T0)));
    }

    [Fact]
    public void High_p99_latency_over_the_window_is_reported()
    {
        var inv = new HighRequestLatencyInvariant();
        HistogramSnapshot H(double fast, double slow) =>
            new([(0.01, fast), (0.5, fast), (1.0, fast + slow), (double.PositiveInfinity, fast + slow)], fast + slow, 0);
        NodeObservation N(string name, HistogramSnapshot h, bool leader = false) =>
            Node(name, leader: leader, histograms: new Dictionary<string, HistogramSnapshot> { [EtcdReadings.RequestDuration] = h });

        // First reading only establishes the baseline.
        Assert.Null(inv.Check(Of(T0, N("n1", H(0, 0), true), N("n2", H(0, 0))), inv.Defaults));

        // 10 s later: n1 served 1000 fast requests; n2 served 90 fast and 10 in the 0.5–1 s bucket (p99 ≈ 0.95 s).
        var later = inv.Check(Of(T0.AddSeconds(10), N("n1", H(1000, 0), true), N("n2", H(90, 10))), inv.Defaults)!;
        var f = Assert.Single(later);
        Assert.Equal("n2", f.Target);
        Assert.Contains("p99 request latency 9", f.Message);
        Assert.True((double)f.Snapshot["p99Ms"]! > 900);
    }

    [Fact]
    public void Latency_with_too_few_requests_is_not_judged_high()
    {
        var inv = new HighRequestLatencyInvariant();
        HistogramSnapshot slow(double n) => new([(1.0, n), (double.PositiveInfinity, n)], n, n);
        NodeObservation N(double n) => Node("n1", leader: true, histograms: new Dictionary<string, HistogramSnapshot> { [EtcdReadings.RequestDuration] = slow(n) });
        inv.Check(Of(T0, N(0)), inv.Defaults);
        Assert.Empty(inv.Check(Of(T0.AddSeconds(5), N(5)), inv.Defaults)!);
    }

    [Fact]
    public void Leader_flapping_counts_changes_inside_the_window_only()
    {
        var inv = new LeaderFlappingInvariant();
        Observation Led(int seconds, string? leader) => Of(T0.AddSeconds(seconds), leader, Node("n1"), Node("n2"), Node("n3"));

        Assert.Empty(inv.Check(Led(0, "n1"), inv.Defaults)!);
        Assert.Empty(inv.Check(Led(10, null), inv.Defaults)!);   // election gap is not a change
        Assert.Empty(inv.Check(Led(11, "n2"), inv.Defaults)!);   // change 1
        Assert.Empty(inv.Check(Led(20, "n3"), inv.Defaults)!);   // change 2
        var f = Assert.Single(inv.Check(Led(30, "n1"), inv.Defaults)!); // change 3
        Assert.Contains("leader changed 3 times", f.Message);
        Assert.Contains("n1→n2", f.Message);

        // Once the first changes age out of the 5 min window, it holds again.
        Assert.Empty(inv.Check(Led(11 + 301, "n1"), inv.Defaults)!);
    }
}
