using Operator.Core;
using Operator.Etcd.Local;

namespace Operator.Etcd.Tests.Local;

public sealed class ChaosTargetTests
{
    private static readonly ChaosCandidate[] Healthy =
    [
        new("n1", IsUp: true, IsLeader: false),
        new("n2", IsUp: true, IsLeader: true),
        new("n3", IsUp: true, IsLeader: false),
    ];

    [Fact]
    public void Leader_picks_the_up_node_reported_as_leader()
    {
        Assert.Equal("n2", ChaosTarget.Resolve("leader", Healthy, new Random(1)));
    }

    [Fact]
    public void Leader_without_one_is_an_error_that_lists_the_nodes()
    {
        ChaosCandidate[] noLeader = [new("n1", true, false), new("n2", false, true), new("n3", true, false)];

        var error = Assert.Throws<OperatorException>(() => ChaosTarget.Resolve("leader", noLeader, new Random(1)));

        Assert.Equal(
            "cannot pick the leader: no running node is leader right now (the cluster may have lost quorum); name a node instead (n1 up, n2 down, n3 up)",
            error.Message);
    }

    [Fact]
    public void Follower_picks_only_up_non_leaders_and_uses_the_random_source()
    {
        ChaosCandidate[] nodes = [new("n1", true, false), new("n2", true, true), new("n3", false, false), new("n4", true, false)];

        var picks = Enumerable.Range(0, 200).Select(seed => ChaosTarget.Resolve("follower", nodes, new Random(seed))).ToHashSet();

        Assert.Equal(new HashSet<string> { "n1", "n4" }, picks);
    }

    [Fact]
    public void Follower_is_deterministic_for_a_seeded_random()
    {
        Assert.Equal(
            ChaosTarget.Resolve("follower", Healthy, new Random(42)),
            ChaosTarget.Resolve("follower", Healthy, new Random(42)));
    }

    [Fact]
    public void Follower_when_only_the_leader_runs_is_an_error()
    {
        ChaosCandidate[] nodes = [new("n1", false, false), new("n2", true, true)];

        var error = Assert.Throws<OperatorException>(() => ChaosTarget.Resolve("follower", nodes, new Random(1)));

        Assert.Equal("cannot pick a follower: no running node other than the leader (n1 down, n2 leader)", error.Message);
    }

    [Fact]
    public void Random_picks_every_up_node_and_never_a_down_one()
    {
        ChaosCandidate[] nodes = [new("n1", true, false), new("n2", false, false), new("n3", true, true)];

        var picks = Enumerable.Range(0, 200).Select(seed => ChaosTarget.Resolve("random", nodes, new Random(seed))).ToHashSet();

        Assert.Equal(new HashSet<string> { "n1", "n3" }, picks);
    }

    [Fact]
    public void Random_with_nothing_up_is_an_error()
    {
        ChaosCandidate[] nodes = [new("n1", false, false)];

        var error = Assert.Throws<OperatorException>(() => ChaosTarget.Resolve("random", nodes, new Random(1)));

        Assert.Equal("cannot pick a random node: no node is running (n1 down)", error.Message);
    }

    [Fact]
    public void A_node_name_resolves_to_itself_even_when_down()
    {
        ChaosCandidate[] nodes = [new("n1", true, true), new("n2", false, false)];

        Assert.Equal("n2", ChaosTarget.Resolve("n2", nodes, new Random(1)));
    }

    [Fact]
    public void An_unknown_name_lists_the_nodes_and_keywords()
    {
        var error = Assert.Throws<OperatorException>(() => ChaosTarget.Resolve("n7", Healthy, new Random(1)));

        Assert.Equal("no node named n7; nodes are n1, n2, n3 (or use leader, follower, random)", error.Message);
    }
}
