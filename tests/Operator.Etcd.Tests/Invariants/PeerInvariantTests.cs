using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Etcd.Invariants;
using static Operator.Etcd.Tests.Invariants.Obs;

namespace Operator.Etcd.Tests.Invariants;

/// <summary>member_isolated and peer_latency_high on synthetic observations carrying the peer probe readings.</summary>
public sealed class PeerInvariantTests
{
    private const string CutN2 = "reset: probe peer port http://127.0.0.1:23802: connection reset by peer";
    private const string RefusedN2 = "refused: probe peer port http://127.0.0.1:23802: connection refused";
    private const string TimeoutN2 = "timeout: probe peer port http://127.0.0.1:23802: no answer within 300 ms";

    private static IReadOnlyList<Finding>? Run(IInvariant invariant, Observation o) => invariant.Check(o, invariant.Defaults);

    /// <summary>An up member with its id, the leader it follows and a peer probe result.</summary>
    private static NodeObservation Member(string name, string id, string? leaderId = "1", double? roundTrip = 0.0012, string? peerError = null, bool leader = false, double clientMs = 2)
    {
        var facts = new Dictionary<string, string> { [EtcdReadings.MemberId] = id, [EtcdReadings.PeerUrl] = $"http://127.0.0.1:2380{id}" };
        if (peerError is not null)
        {
            facts[EtcdReadings.PeerError] = peerError;
        }

        var metrics = new Dictionary<string, double> { [EtcdReadings.RaftTerm] = 2 };
        if (roundTrip is { } rtt)
        {
            metrics[EtcdReadings.PeerRoundTripSeconds] = rtt;
        }

        return Node(name, leader: leader, leaderId: leaderId, metrics: metrics, facts: facts) with { ProbeLatency = TimeSpan.FromMilliseconds(clientMs) };
    }

    private static Observation Healthy() => Of(T0, Member("n1", "1", leader: true), Member("n2", "2"), Member("n3", "3"));

    [Fact]
    public void Healthy_cluster_with_fast_peer_ports_is_neither_isolated_nor_slow()
    {
        Assert.Empty(Run(new MemberIsolatedInvariant(), Healthy())!);
        Assert.Empty(Run(new PeerLatencyHighInvariant(), Healthy())!);
    }

    [Fact]
    public void Member_whose_peer_port_cuts_the_probe_while_others_answer_is_isolated()
    {
        var o = Of(T0, Member("n1", "1", leader: true), Member("n2", "2", roundTrip: null, peerError: CutN2), Member("n3", "3"));

        var f = Assert.Single(Run(new MemberIsolatedInvariant(), o)!);

        Assert.Equal("n2", f.Target);
        Assert.Equal("n2", f.Node);
        Assert.Contains("n2 is isolated from its peers: its peer port cuts the monitor's probe", f.Message);
        Assert.Contains("connection reset by peer) while n1 and n3 answer on theirs", f.Message);
        Assert.Contains("it still answers on its client port", f.Message);
        Assert.Equal(CutN2, f.Snapshot["peerError"]);
        Assert.Empty(Run(new PeerLatencyHighInvariant(), o)!);
    }

    [Fact]
    public void Member_that_knows_no_leader_while_a_majority_follows_one_is_isolated()
    {
        var o = Of(T0, Member("n1", "1", leader: true), Member("n2", "2", leaderId: null), Member("n3", "3"));

        var f = Assert.Single(Run(new MemberIsolatedInvariant(), o)!);

        Assert.Equal("n2", f.Node);
        Assert.Contains("it knows no leader while n1 and n3 follow n1", f.Message);
    }

    [Fact]
    public void Cut_off_old_leader_that_still_follows_itself_is_isolated()
    {
        var o = Of(T0, "n2", Member("n1", "1", leaderId: "1", leader: true, roundTrip: null, peerError: RefusedN2), Member("n2", "2", leaderId: "2", leader: true), Member("n3", "3", leaderId: "2"));

        var f = Assert.Single(Run(new MemberIsolatedInvariant(), o)!);

        Assert.Equal("n1", f.Node);
        Assert.Contains("its peer port cuts the monitor's probe (probe peer port http://127.0.0.1:23802: connection refused)", f.Message);
        Assert.Contains("it follows n1 while n2 and n3 follow n2", f.Message);
    }

    [Fact]
    public void Killed_and_paused_members_are_not_isolated_even_though_their_peer_ports_fail()
    {
        var o = Of(T0,
            Member("n1", "1", leader: true),
            Node("n2", NodeState.Down, process: ProcessState.Gone, facts: new() { [EtcdReadings.PeerError] = RefusedN2 }),
            Node("n3", NodeState.Paused, process: ProcessState.Stopped, facts: new() { [EtcdReadings.PeerError] = TimeoutN2 }, metrics: new() { [EtcdReadings.PeerRoundTripSeconds] = 0.3 }));

        Assert.Empty(Run(new MemberIsolatedInvariant(), o)!);
        Assert.Empty(Run(new PeerLatencyHighInvariant(), o)!);
    }

    [Fact]
    public void Survivors_of_a_killed_leader_or_of_a_lost_quorum_are_not_isolated()
    {
        var leaderKilled = Of(T0, leader: null, Node("n1", NodeState.Down, process: ProcessState.Gone), Member("n2", "2", leaderId: null), Member("n3", "3", leaderId: "3", leader: true));
        var quorumLost = Of(T0, leader: null, Member("n1", "1", leaderId: null), Node("n2", NodeState.Down), Node("n3", NodeState.Down));
        var stillFollowingTheDeadLeader = Of(T0, leader: "n1", Node("n1", NodeState.Down, process: ProcessState.Gone), Member("n2", "2", leaderId: "1"), Member("n3", "3", leaderId: "1"));

        Assert.Empty(Run(new MemberIsolatedInvariant(), leaderKilled)!);
        Assert.Empty(Run(new MemberIsolatedInvariant(), quorumLost)!);
        Assert.Empty(Run(new MemberIsolatedInvariant(), stillFollowingTheDeadLeader)!);
    }

    [Fact]
    public void Peer_ports_failing_everywhere_do_not_isolate_anyone()
    {
        var o = Of(T0, Member("n1", "1", leader: true, roundTrip: null, peerError: RefusedN2), Member("n2", "2", roundTrip: null, peerError: CutN2), Member("n3", "3", roundTrip: null, peerError: RefusedN2));

        Assert.Empty(Run(new MemberIsolatedInvariant(), o)!);
    }

    [Fact]
    public void Slow_peer_round_trip_names_the_member_and_cites_the_others()
    {
        var o = Of(T0, Member("n1", "1", leader: true, roundTrip: 0.0011), Member("n2", "2", roundTrip: 0.4021), Member("n3", "3", roundTrip: 0.0009));

        var f = Assert.Single(Run(new PeerLatencyHighInvariant(), o)!);

        Assert.Equal("n2", f.Target);
        Assert.Equal("n2", f.Node);
        Assert.Equal("n2 peer round trip 402.1 ms exceeds 100 ms (GET http://127.0.0.1:23802/raft/probing) while its client port answers in 2 ms; n1 1.1 ms, n3 0.9 ms", f.Message);
        Assert.Equal(402.1, f.Snapshot["peerRoundTripMs"]);
        Assert.Empty(Run(new MemberIsolatedInvariant(), o)!);
    }

    [Fact]
    public void Peer_probe_timeout_counts_as_slow_not_as_isolated()
    {
        var o = Of(T0, Member("n1", "1", leader: true), Member("n2", "2", roundTrip: 0.3, peerError: TimeoutN2), Member("n3", "3"));

        var f = Assert.Single(Run(new PeerLatencyHighInvariant(), o)!);
        Assert.Contains("n2 peer round trip no answer within 300 ms exceeds 100 ms", f.Message);
        Assert.Equal(true, f.Snapshot["peerTimedOut"]);
        Assert.Empty(Run(new MemberIsolatedInvariant(), o)!);
    }

    [Fact]
    public void Member_slow_on_its_client_port_too_is_a_busy_process_not_a_slow_path()
    {
        var o = Of(T0, Member("n1", "1", leader: true), Member("n2", "2", roundTrip: 0.16, clientMs: 140), Member("n3", "3"));

        Assert.Empty(Run(new PeerLatencyHighInvariant(), o)!);
    }

    [Fact]
    public void Threshold_is_a_parameter_and_no_peer_readings_mean_not_evaluated()
    {
        var inv = new PeerLatencyHighInvariant();
        var o = Of(T0, Member("n1", "1", leader: true), Member("n2", "2", roundTrip: 0.06), Member("n3", "3"));
        Assert.Empty(inv.Check(o, inv.Defaults)!);
        Assert.Single(inv.Check(o, inv.Defaults with { Parameters = new Dictionary<string, double> { ["max_round_trip_ms"] = 50 } })!);

        Assert.Null(inv.Check(Obs.Healthy(T0), inv.Defaults));
    }

    [Fact]
    public void A_slow_reading_opens_at_once_because_the_subject_already_confirmed_it_with_a_second_probe()
    {
        var engine = new InvariantEngine([new PeerLatencyHighInvariant()], InvariantConfig.Empty);
        Observation At(double seconds, double n2RoundTrip) =>
            Of(T0.AddSeconds(seconds), Member("n1", "1", leader: true), Member("n2", "2", roundTrip: n2RoundTrip), Member("n3", "3"));

        Assert.Empty(engine.Evaluate(At(0, 0.001)).Violations);
        Assert.Empty(engine.Evaluate(At(0.5, 0.09)).Violations);
        var v = Assert.Single(engine.Evaluate(At(1.0, 0.16)).Violations);

        Assert.Equal("n2", v.Node);
        Assert.Equal(Severity.Warning, v.Severity);
    }

    [Fact]
    public void Isolation_opens_after_its_one_second_grace_but_a_short_leader_gap_does_not()
    {
        var engine = new InvariantEngine([new MemberIsolatedInvariant()], InvariantConfig.Empty);
        Observation Gap(double seconds) => Of(T0.AddSeconds(seconds), Member("n1", "1", leader: true), Member("n2", "2", leaderId: null), Member("n3", "3"));
        Observation Cut(double seconds) => Of(T0.AddSeconds(seconds), Member("n1", "1", leader: true), Member("n2", "2", roundTrip: null, peerError: CutN2), Member("n3", "3"));

        Assert.Empty(engine.Evaluate(Gap(0)).Violations);
        Assert.Empty(engine.Evaluate(Gap(0.5)).Violations);
        Assert.Empty(engine.Evaluate(Healthy() with { At = T0.AddSeconds(1) }).Violations);
        Assert.Empty(engine.Evaluate(Cut(1.5)).Violations);
        Assert.Empty(engine.Evaluate(Cut(2)).Violations);
        var v = Assert.Single(engine.Evaluate(Cut(2.5)).Violations);
        Assert.Equal(("member_isolated", "n2", Severity.Critical), (v.Invariant, v.Node, v.Severity));
    }
}
