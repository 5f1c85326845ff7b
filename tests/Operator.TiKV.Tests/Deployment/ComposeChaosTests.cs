using System.Runtime.Versioning;
using Microsoft.Extensions.Time.Testing;
using Operator.Core;
using Operator.Core.Observing;
using Operator.Testing;
using Operator.TiKV.Deployment;
using Operator.TiKV.Tests.Invariants;

namespace Operator.TiKV.Tests.Deployment;

[UnsupportedOSPlatform("windows")]
public sealed class ComposeChaosTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 25, 10, 30, 0, TimeSpan.Zero);

    private readonly FakeDocker _docker = new();
    private readonly TempStateDir _state = new();

    public void Dispose()
    {
        _docker.Dispose();
        _state.Dispose();
    }

    [Fact]
    public async Task Leader_is_the_pd_leaders_container()
    {
        var subject = new ScriptedSubject(Cluster(leader: "pd1"));

        var action = await Chaos(subject).KillAsync("leader", CancellationToken.None);

        Assert.Equal(["kill", "--signal", "KILL", "operator-tikv-pd1-1"], Assert.Single(_docker.Calls));
        Assert.Equal(new ComposeNodeAction("pd1", "pd1", "operator-tikv-pd1-1", Now), action);
    }

    [Fact]
    public async Task Follower_is_a_running_pd_member_other_than_the_leader()
    {
        var subject = new ScriptedSubject(Cluster(leader: "pd0", down: ["pd1"]));

        for (var seed = 0; seed < 5; seed++)
        {
            var action = await Chaos(subject, seed).KillAsync("follower", CancellationToken.None);
            Assert.Equal("pd2", action.Node);
        }
    }

    [Fact]
    public async Task Random_is_a_running_store_mapped_through_its_address()
    {
        var subject = new ScriptedSubject(Cluster(leader: "pd0", down: ["store1", "store5"]));

        var action = await Chaos(subject).KillAsync("random", CancellationToken.None);

        Assert.Equal(new ComposeNodeAction("store4", "tikv1", "operator-tikv-tikv1-1", Now), action);
        Assert.Equal(["kill", "--signal", "KILL", "operator-tikv-tikv1-1"], Assert.Single(_docker.Calls));
    }

    [Fact]
    public async Task A_store_name_maps_to_the_service_of_its_address_even_while_it_is_down()
    {
        var subject = new ScriptedSubject(Cluster(leader: "pd0", down: ["store5"]));

        var action = await Chaos(subject).StartAsync("store5", CancellationToken.None);

        Assert.Equal("tikv2", action.Service);
        Assert.Equal(["compose", "-p", "operator-tikv", "-f", Deployment().ComposeFile, "start", "tikv2"], Assert.Single(_docker.Calls));
    }

    [Fact]
    public async Task A_service_name_needs_no_answer_from_pd()
    {
        var subject = new ScriptedSubject();

        await Chaos(subject).KillAsync("tikv0", CancellationToken.None);
        await Chaos(subject).StartAsync("pd2", CancellationToken.None);

        Assert.Equal(0, subject.Observed);
        Assert.Equal(["kill", "--signal", "KILL", "operator-tikv-tikv0-1"], _docker.Calls[0]);
        Assert.Equal("pd2", _docker.Calls[1][^1]);
    }

    [Fact]
    public async Task No_leader_is_one_line_after_looking_three_times_and_runs_nothing()
    {
        var noLeader = TikvObs.Of(Now, [TikvObs.Pd("pd0"), TikvObs.Pd("pd1", state: NodeState.Down), Store(1)], errors: ["get members from http://127.0.0.1:2379: HTTP 503: redirect finds no leader"]);
        var subject = new ScriptedSubject(noLeader);

        var e = await Assert.ThrowsAsync<OperatorException>(() => Chaos(subject).KillAsync("leader", CancellationToken.None));

        Assert.Equal(
            "cannot pick the PD leader: no running PD member is leader right now (get members from http://127.0.0.1:2379: HTTP 503: redirect finds no leader); name a node instead (pd0 up, pd1 down, store1 up)",
            e.Message);
        Assert.Equal(3, subject.Observed);
        Assert.Empty(_docker.Calls);
    }

    [Fact]
    public async Task A_store_name_while_pd_lists_no_stores_points_at_the_service_names()
    {
        var subject = new ScriptedSubject(TikvObs.Of(Now, [TikvObs.Pd("pd0", state: NodeState.Down)], errors: ["get stores from http://127.0.0.1:2379: connection refused"]));

        var e = await Assert.ThrowsAsync<OperatorException>(() => Chaos(subject).KillAsync("store4", CancellationToken.None));

        Assert.Equal(
            "cannot map store4 to its container: PD listed no stores (get stores from http://127.0.0.1:2379: connection refused); name the compose service instead (tikv0, tikv1, tikv2)",
            e.Message);
        Assert.Empty(_docker.Calls);
    }

    [Fact]
    public async Task Restart_takes_names_not_keywords()
    {
        var e = await Assert.ThrowsAsync<OperatorException>(() => Chaos(new ScriptedSubject()).StartAsync("leader", CancellationToken.None));

        Assert.StartsWith("leader is not a node of the TiKV compose deployment", e.Message, StringComparison.Ordinal);
        Assert.Empty(_docker.Calls);
    }

    private ComposeDeployment Deployment() => new(_state.Path, _docker.Binary, new FakeTimeProvider(Now));

    private ComposeChaos Chaos(ISubject subject, int seed = 1) => new(Deployment(), subject, new Random(seed));

    // Stores 1, 4, 5 on tikv0, tikv1, tikv2, as PD lists them in the compose deployment.
    private static Observation Cluster(string leader, params string[] down)
    {
        NodeState State(string name) => down.Contains(name) ? NodeState.Down : NodeState.Up;
        var pd = new[] { "pd0", "pd1", "pd2" }.Select(n => TikvObs.Pd(n, leader: n == leader && State(n) == NodeState.Up, state: State(n)));
        var stores = new[] { 1, 4, 5 }.Select(id => Store(id, State($"store{id}")));
        return TikvObs.Of(Now, [.. pd, .. stores]);
    }

    private static NodeObservation Store(int id, NodeState state = NodeState.Up)
    {
        var store = TikvObs.Store(id, state);
        var service = id switch { 1 => "tikv0", 4 => "tikv1", _ => "tikv2" };
        return store with { Facts = new Dictionary<string, string>(store.Facts) { [TikvReadings.Address] = $"{service}:20160" } };
    }

    /// <summary>Answers every observation with the same state and counts them; with none, observing fails the test.</summary>
    private sealed class ScriptedSubject(Observation? observation = null) : ISubject
    {
        public int Observed { get; private set; }

        public string Name => "tikv";

        public Task<Observation> ObserveAsync(CancellationToken cancellationToken)
        {
            Observed++;
            return observation is null ? throw new InvalidOperationException("this target must not need PD") : Task.FromResult(observation);
        }

        public Task WatchAsync(Action<string> changed, CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
