using System.Runtime.Versioning;
using System.Text.Json;
using Operator.FakeTikv;
using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary>
/// <c>chaos kill|restart --subject tikv</c> through the real CLI: a fake <c>docker</c> on PATH records the commands,
/// and a fake TiKV cluster whose PD lists compose-style store addresses answers for leader, follower, random and
/// <c>store&lt;id&gt;</c>.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class TikvChaosCommandTests : IAsyncLifetime
{
    // PD lists the stores 1, 4, 5 at these gRPC addresses, as in the compose deployment.
    private static readonly FakeTikvOptions Compose = new() { StoreAddresses = ["tikv0:20160", "tikv1:20160", "tikv2:20160"] };

    private readonly FakeDocker _docker = new();
    private readonly TempStateDir _state = new();

    public async Task InitializeAsync()
    {
        var up = await Run("cluster", "up", "--subject", "tikv");
        Assert.Equal(0, up.ExitCode);
    }

    public Task DisposeAsync()
    {
        _docker.Dispose();
        _state.Dispose();
        return Task.CompletedTask;
    }

    private string ComposeFile => Path.Combine(_state.Path, "tikv", "docker-compose.yaml");

    [Fact]
    public async Task Kill_and_restart_of_a_service_are_docker_kill_and_compose_start_with_etcds_json_fields()
    {
        var kill = await Run("chaos", "kill", "tikv1", "--subject", "tikv", "--json");

        Assert.Equal(0, kill.ExitCode);
        Assert.Equal(["kill", "--signal", "KILL", "operator-tikv-tikv1-1"], _docker.Calls[^1]);
        using (var doc = JsonDocument.Parse(kill.Stdout))
        {
            var root = doc.RootElement;
            Assert.Equal("tikv1", root.GetProperty("node").GetString());
            Assert.Equal("kill", root.GetProperty("action").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", root.GetProperty("at").GetString());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("pid").ValueKind);
            Assert.Equal("tikv1", root.GetProperty("service").GetString());
            Assert.Equal("operator-tikv-tikv1-1", root.GetProperty("container").GetString());
        }

        var restart = await Run("chaos", "restart", "tikv1", "--subject", "tikv");

        Assert.Equal(0, restart.ExitCode);
        Assert.Equal(["compose", "-p", "operator-tikv", "-f", ComposeFile, "start", "tikv1"], _docker.Calls[^1]);
        Assert.StartsWith("started tikv1 (container operator-tikv-tikv1-1) at ", restart.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leader_is_the_pd_leader_and_follower_another_running_pd_member()
    {
        await using var cluster = FakeTikvCluster.Start(Compose);
        cluster.Pd["pd0"].Kill();

        var leader = await Run("chaos", "kill", "leader", "--subject", "tikv", "--pd", cluster.PdEndpoints);
        var follower = await Run("chaos", "kill", "follower", "--subject", "tikv", "--pd", cluster.PdEndpoints, "--json");

        Assert.Equal(0, leader.ExitCode);
        Assert.Matches("^killed pd1 \\(container operator-tikv-pd1-1\\) at ", leader.Stdout);
        Assert.Equal(0, follower.ExitCode);
        using var doc = JsonDocument.Parse(follower.Stdout);
        Assert.Equal("pd2", doc.RootElement.GetProperty("node").GetString());
        Assert.Equal(["kill", "--signal", "KILL", "operator-tikv-pd1-1"], _docker.Calls[^2]);
        Assert.Equal(["kill", "--signal", "KILL", "operator-tikv-pd2-1"], _docker.Calls[^1]);
    }

    [Fact]
    public async Task Store_names_and_random_map_to_containers_through_the_addresses_pd_lists()
    {
        await using var cluster = FakeTikvCluster.Start(Compose);
        cluster.Store(1).Kill();
        cluster.Store(5).Kill();

        var random = await Run("chaos", "kill", "random", "--subject", "tikv", "--pd", cluster.PdEndpoints, "--json");
        var store = await Run("chaos", "kill", "store5", "--subject", "tikv", "--pd", cluster.PdEndpoints);
        var restart = await Run("chaos", "restart", "store5", "--subject", "tikv", "--pd", cluster.PdEndpoints, "--json");

        Assert.Equal(0, random.ExitCode);
        using (var doc = JsonDocument.Parse(random.Stdout))
        {
            Assert.Equal("store4", doc.RootElement.GetProperty("node").GetString()); // the only running store
            Assert.Equal("tikv1", doc.RootElement.GetProperty("service").GetString());
        }

        Assert.Equal(0, store.ExitCode);
        Assert.Equal(0, restart.ExitCode);
        using (var doc = JsonDocument.Parse(restart.Stdout))
        {
            Assert.Equal("restart", doc.RootElement.GetProperty("action").GetString());
            Assert.Equal("operator-tikv-tikv2-1", doc.RootElement.GetProperty("container").GetString());
        }

        Assert.Equal(
            [
                ["kill", "--signal", "KILL", "operator-tikv-tikv1-1"],
                ["kill", "--signal", "KILL", "operator-tikv-tikv2-1"],
                ["compose", "-p", "operator-tikv", "-f", ComposeFile, "start", "tikv2"],
            ],
            _docker.Calls.TakeLast(3));
    }

    [Fact]
    public async Task Unknown_nodes_and_failing_docker_are_one_line_errors()
    {
        await using var cluster = FakeTikvCluster.Start(Compose);
        var before = _docker.Calls.Count;

        CliAssert.OneLineError(
            await Run("chaos", "kill", "store9", "--subject", "tikv", "--pd", cluster.PdEndpoints),
            "store9 is not a store of the TiKV cluster (stores: store1 tikv0:20160, store4 tikv1:20160, store5 tikv2:20160)");
        CliAssert.OneLineError(await Run("chaos", "kill", "n1", "--subject", "tikv"), "n1 is not a node of the TiKV compose deployment; use a PD member (pd0, pd1, pd2)");
        Assert.Equal(before, _docker.Calls.Count);

        _docker.Respond("kill", stderr: "Error response from daemon: cannot kill container: operator-tikv-tikv2-1: container 5f0e is not running\n", exitCode: 1);
        CliAssert.OneLineError(
            await Run("chaos", "kill", "tikv2", "--subject", "tikv"),
            "kill tikv2 (operator-tikv-tikv2-1): `docker kill --signal KILL operator-tikv-tikv2-1` exited with code 1: Error response from daemon: cannot kill container");
    }

    [Fact]
    public async Task Without_a_compose_deployment_chaos_says_to_run_cluster_up()
    {
        using var empty = new TempStateDir();

        var kill = await OperatorCli.RunAsync(empty.Path, Env(), "chaos", "kill", "leader", "--subject", "tikv", "--pd", "http://127.0.0.1:2379");
        var restart = await OperatorCli.RunAsync(empty.Path, Env(), "chaos", "restart", "store4", "--subject", "tikv");

        CliAssert.OneLineError(kill, $"chaos kill for TiKV needs the compose deployment, and there is none in {empty.Path}; start it with `operator cluster up --subject tikv`");
        CliAssert.OneLineError(restart, "chaos restart for TiKV needs the compose deployment");
    }

    private Dictionary<string, string> Env() => new() { ["PATH"] = _docker.PathWithFakeFirst };

    private Task<CliResult> Run(params string[] args) => OperatorCli.RunAsync(_state.Path, Env(), args);
}
