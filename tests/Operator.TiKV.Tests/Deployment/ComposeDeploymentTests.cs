using System.Runtime.Versioning;
using Microsoft.Extensions.Time.Testing;
using Operator.Core;
using Operator.Testing;
using Operator.TiKV.Deployment;

namespace Operator.TiKV.Tests.Deployment;

[UnsupportedOSPlatform("windows")]
public sealed class ComposeDeploymentTests : IDisposable
{
    private const string NoEngine = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";

    private static readonly DateTimeOffset Now = new(2026, 1, 25, 10, 30, 0, TimeSpan.Zero);

    // As PD reports them: ids are not 0, 1, 2 and need not follow the container numbering.
    private static readonly Dictionary<long, string> Stores = new()
    {
        [1] = "tikv0:20160",
        [4] = "tikv1:20160",
        [5] = "tikv2:20160",
    };

    private readonly FakeDocker _docker = new();
    private readonly TempStateDir _state = new();
    private readonly FakeTimeProvider _time = new(Now);

    public void Dispose()
    {
        _docker.Dispose();
        _state.Dispose();
    }

    [Fact]
    public async Task Up_checks_the_engine_and_compose_then_writes_the_files_and_runs_compose_up_and_ps()
    {
        var deployment = Deployment();

        await deployment.UpAsync();

        var file = Path.Combine(_state.Path, "tikv", "docker-compose.yaml");
        Assert.Equal(file, deployment.ComposeFile);
        Assert.Equal(
            [
                ["info", "--format", "{{.ServerVersion}}"],
                ["compose", "version"],
                ["compose", "-p", "operator-tikv", "-f", file, "up", "-d", "--wait"],
                ["compose", "-p", "operator-tikv", "-f", file, "ps", "--all", "--format", "json"],
            ],
            _docker.Calls);
        foreach (var name in ComposeFiles.Names)
        {
            Assert.Equal(ComposeFiles.Read(name), File.ReadAllText(Path.Combine(_state.Path, "tikv", name)));
        }

        Assert.True(deployment.Exists);
    }

    [Fact]
    public async Task Up_returns_the_service_statuses_compose_reports()
    {
        _docker.Respond("compose-ps", stdout: PsLine("pd0", "running", "healthy", 0, "Up 20 seconds (healthy)") + "\n" + PsLine("tikv1", "running", "healthy", 0, "Up 8 seconds (healthy)") + "\n");

        var statuses = await Deployment().UpAsync();

        Assert.Equal(["pd0", "tikv1"], statuses.Select(s => s.Service));
        Assert.All(statuses, s => Assert.True(s.IsRunning));
    }

    [Fact]
    public async Task Up_without_docker_on_path_is_one_line_naming_the_alternative()
    {
        var empty = Path.Combine(_state.Path, "empty-bin");
        Directory.CreateDirectory(empty);
        var deployment = new ComposeDeployment(_state.Path, "docker", _time, new ComposeDeploymentOptions { SearchPath = empty });

        var e = await Assert.ThrowsAsync<OperatorException>(() => deployment.UpAsync());

        Assert.Equal("cluster up --subject tikv needs Docker: docker was not found on PATH; install Docker, or point Operator at an existing cluster with --pd URLS", e.Message);
        Assert.False(Directory.Exists(deployment.Directory));
    }

    [Fact]
    public async Task Up_with_a_docker_path_that_does_not_exist_names_the_path()
    {
        var missing = Path.Combine(_state.Path, "nowhere", "docker");

        var e = await Assert.ThrowsAsync<OperatorException>(() => new ComposeDeployment(_state.Path, missing, _time).UpAsync());

        Assert.Equal($"cluster up --subject tikv needs Docker: {missing} does not exist or is not executable; install Docker, or point Operator at an existing cluster with --pd URLS", e.Message);
    }

    [Fact]
    public async Task Up_without_an_engine_quotes_dockers_error_in_one_line_and_runs_nothing_else()
    {
        _docker.Respond("info", stdout: "\n", stderr: NoEngine + "\n", exitCode: 1);
        var deployment = Deployment();

        var e = await Assert.ThrowsAsync<OperatorException>(() => deployment.UpAsync());

        Assert.Equal(
            $"cluster up --subject tikv needs Docker: the Docker engine is not reachable (`docker info`: {NoEngine}); start the Docker engine or install Docker, or point Operator at an existing cluster with --pd URLS",
            e.Message);
        Assert.Single(_docker.Calls);
        Assert.False(deployment.Exists);
    }

    [Fact]
    public async Task Up_without_the_compose_plugin_says_so_in_one_line()
    {
        _docker.Respond("compose-version", stderr: "docker: unknown command: docker compose\n\nRun 'docker --help' for more information\n", exitCode: 1);

        var e = await Assert.ThrowsAsync<OperatorException>(() => Deployment().UpAsync());

        Assert.Equal(
            "cluster up --subject tikv needs Docker Compose v2: `docker compose version` failed: docker: unknown command: docker compose; install the Docker Compose plugin, or point Operator at an existing cluster with --pd URLS",
            e.Message);
        Assert.Equal(2, _docker.Calls.Count);
    }

    [Fact]
    public async Task Failed_compose_up_names_the_command_and_the_error_line_among_progress_lines()
    {
        _docker.Respond(
            "compose-up",
            stderr: " Network operator-tikv_default  Creating\n Network operator-tikv_default  Created\n Container operator-tikv-pd0-1  Starting\n"
                + " Container operator-tikv-pd0-1  Waiting\ndependency failed to start: container operator-tikv-pd0-1 is unhealthy\n",
            exitCode: 1);
        var deployment = Deployment();

        var e = await Assert.ThrowsAsync<OperatorException>(() => deployment.UpAsync());

        Assert.Equal(
            $"cluster up --subject tikv: `docker compose -p operator-tikv -f {deployment.ComposeFile} up -d --wait` exited with code 1: "
                + $"dependency failed to start: container operator-tikv-pd0-1 is unhealthy; see `docker compose -p operator-tikv -f {deployment.ComposeFile} logs`",
            e.Message);
    }

    [Fact]
    public async Task Down_runs_compose_down_and_purge_also_removes_volumes_and_files()
    {
        var deployment = Deployment();
        await deployment.UpAsync();

        await deployment.DownAsync();
        Assert.True(deployment.Exists);
        await deployment.DownAsync(purge: true);

        var file = deployment.ComposeFile;
        Assert.Equal(["compose", "-p", "operator-tikv", "-f", file, "down"], _docker.Calls[^2]);
        Assert.Equal(["compose", "-p", "operator-tikv", "-f", file, "down", "-v"], _docker.Calls[^1]);
        Assert.False(Directory.Exists(deployment.Directory));
    }

    [Fact]
    public async Task Kill_of_a_store_kills_the_container_behind_its_address()
    {
        var action = await Deployment().KillAsync("store4", Stores);

        Assert.Equal(["kill", "--signal", "KILL", "operator-tikv-tikv1-1"], Assert.Single(_docker.Calls));
        Assert.Equal(new ComposeNodeAction("store4", "tikv1", "operator-tikv-tikv1-1", Now), action);
    }

    [Fact]
    public async Task Kill_of_a_pd_member_uses_its_name_and_another_project_prefixes_the_container()
    {
        await Deployment(new ComposeDeploymentOptions { ProjectName = "demo" }).KillAsync("pd1");

        Assert.Equal(["kill", "--signal", "KILL", "demo-pd1-1"], Assert.Single(_docker.Calls));
    }

    [Fact]
    public async Task Failed_kill_is_one_line_with_the_command_and_dockers_error()
    {
        _docker.Respond("kill", stderr: "Error response from daemon: cannot kill container: operator-tikv-tikv2-1: container 5f0e is not running\n", exitCode: 1);

        var e = await Assert.ThrowsAsync<OperatorException>(() => Deployment().KillAsync("store5", Stores));

        Assert.Equal(
            "kill store5 (operator-tikv-tikv2-1): `docker kill --signal KILL operator-tikv-tikv2-1` exited with code 1: Error response from daemon: cannot kill container: operator-tikv-tikv2-1: container 5f0e is not running",
            e.Message);
    }

    [Fact]
    public async Task Kill_of_an_unknown_store_runs_nothing()
    {
        var e = await Assert.ThrowsAsync<OperatorException>(() => Deployment().KillAsync("store9", Stores));

        Assert.Equal("store9 is not a store of the TiKV cluster (stores: store1 tikv0:20160, store4 tikv1:20160, store5 tikv2:20160)", e.Message);
        Assert.Empty(_docker.Calls);
    }

    [Fact]
    public async Task Pause_and_unpause_freeze_and_thaw_the_container_behind_the_node()
    {
        var deployment = Deployment();

        var paused = await deployment.PauseAsync("store4", Stores);
        await deployment.UnpauseAsync("pd2");

        Assert.Equal([["pause", "operator-tikv-tikv1-1"], ["unpause", "operator-tikv-pd2-1"]], _docker.Calls);
        Assert.Equal(new ComposeNodeAction("store4", "tikv1", "operator-tikv-tikv1-1", Now), paused);
    }

    [Fact]
    public async Task Failed_unpause_is_one_line_with_the_command_and_dockers_error()
    {
        _docker.Respond("unpause", stderr: "Error response from daemon: Container 5f0e is not paused\n", exitCode: 1);

        var e = await Assert.ThrowsAsync<OperatorException>(() => Deployment().UnpauseAsync("store5", Stores));

        Assert.Equal(
            "unpause store5 (operator-tikv-tikv2-1): `docker unpause operator-tikv-tikv2-1` exited with code 1: Error response from daemon: Container 5f0e is not paused",
            e.Message);
    }

    [Fact]
    public async Task Start_runs_compose_start_of_the_service()
    {
        var deployment = Deployment();

        var action = await deployment.StartAsync("store5", Stores);

        Assert.Equal(["compose", "-p", "operator-tikv", "-f", deployment.ComposeFile, "start", "tikv2"], Assert.Single(_docker.Calls));
        Assert.Equal("operator-tikv-tikv2-1", action.Container);
        Assert.Equal(Now, action.At);
        Assert.True(deployment.Exists); // the compose file is written back when missing
    }

    [Fact]
    public async Task Logs_reads_both_streams_of_the_container_in_time_order()
    {
        _docker.Respond(
            "logs",
            stdout: "[2026/01/25 10:20:01.000 +00:00] [INFO] [server.go:1723] [\"campaign PD leader ok\"] [campaign-leader-name=pd1]\n"
                + "[2026/01/25 10:20:03.000 +00:00] [INFO] [server.go:1810] [\"PD leader is ready to serve\"] [leader-name=pd1]\n",
            stderr: "[2026/01/25 10:20:02.000 +00:00] [WARN] [raft_client.rs:594] [\"connection aborted\"] [addr=tikv2:20160] [store_id=5]\n"
                + "thread 'raftstore-1' panicked at 'oops'\n"
                + "[2026/01/25 10:20:04.000 +00:00] [INFO] [raft.rs:1271] [\"became leader at term 8\"] [term=8] [region_id=2]\n");

        var lines = await Deployment().LogsAsync("store4", 200, Stores);

        Assert.Equal(["logs", "--tail", "200", "operator-tikv-tikv1-1"], Assert.Single(_docker.Calls));
        Assert.Equal(5, lines.Count);
        Assert.Contains("campaign PD leader ok", lines[0], StringComparison.Ordinal);
        Assert.Contains("connection aborted", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("thread 'raftstore-1' panicked", lines[2], StringComparison.Ordinal);
        Assert.Contains("PD leader is ready to serve", lines[3], StringComparison.Ordinal);
        Assert.Contains("became leader at term 8", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_lists_stopped_containers_too()
    {
        _docker.Respond("compose-ps", stdout: PsLine("tikv1", "exited", "", 137, "Exited (137) 4 seconds ago") + "\n" + PsLine("tikv0", "running", "healthy", 0, "Up 5 minutes (healthy)") + "\n");
        var deployment = Deployment();

        var statuses = await deployment.StatusAsync();

        Assert.Equal(["compose", "-p", "operator-tikv", "-f", deployment.ComposeFile, "ps", "--all", "--format", "json"], Assert.Single(_docker.Calls));
        var killed = statuses.Single(s => s.Service == "tikv1");
        Assert.False(killed.IsRunning);
        Assert.Equal(137, killed.ExitCode);
        Assert.Equal("operator-tikv-tikv1-1", killed.Container);
    }

    [Fact]
    public async Task Docker_is_found_on_the_search_path()
    {
        var empty = Path.Combine(_state.Path, "empty-bin");
        Directory.CreateDirectory(empty);
        var deployment = new ComposeDeployment(_state.Path, "docker", _time, new ComposeDeploymentOptions { SearchPath = $"{empty}:{_docker.BinDirectory}" });

        await deployment.KillAsync("pd0");

        Assert.Equal(["kill", "--signal", "KILL", "operator-tikv-pd0-1"], Assert.Single(_docker.Calls));
    }

    [Fact]
    public async Task Arguments_reach_docker_unchanged_without_a_shell()
    {
        // A shell would split this path at its spaces, run the substitution and stop at the semicolon.
        // A substitution that ran would create its file in the working directory (a directory name cannot hold an
        // absolute path), so leftovers of an earlier broken run are cleared first.
        var stateDir = Path.Combine(_state.Path, "state dir $(touch pwned) 'q' \"dq\"; `touch pwned2` *");
        Directory.CreateDirectory(stateDir);
        File.Delete("pwned");
        File.Delete("pwned2");
        var deployment = new ComposeDeployment(stateDir, _docker.Binary, _time);

        await deployment.UpAsync();

        Assert.Equal(["compose", "-p", "operator-tikv", "-f", Path.Combine(stateDir, "tikv", "docker-compose.yaml"), "up", "-d", "--wait"], _docker.Calls[2]);
        Assert.Empty(Directory.GetFiles(_state.Path, "pwned*", SearchOption.AllDirectories));
        Assert.False(File.Exists("pwned") || File.Exists("pwned2"));
        Assert.NotEmpty(_docker.Parents);
        Assert.All(_docker.Parents, parent => Assert.DoesNotMatch("^(sh|bash|dash|zsh|busybox)$", parent));
    }

    [Fact]
    public async Task A_command_past_its_deadline_is_stopped_and_reported_in_one_line()
    {
        _docker.Respond("logs", stdout: "late\n", sleepSeconds: 30);
        var deployment = new ComposeDeployment(_state.Path, _docker.Binary, TimeProvider.System, new ComposeDeploymentOptions { CommandTimeout = TimeSpan.FromMilliseconds(300) });
        var started = TimeProvider.System.GetTimestamp();

        var e = await Assert.ThrowsAsync<OperatorException>(() => deployment.LogsAsync("pd0", 10));

        Assert.Equal("`docker logs --tail 10 operator-tikv-pd0-1` did not finish within 0.3 s and was stopped; is the Docker engine responding (`docker info`)?", e.Message);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Cancellation_stops_docker_and_is_not_reported_as_a_timeout()
    {
        _docker.Respond("logs", sleepSeconds: 30);
        var deployment = new ComposeDeployment(_state.Path, _docker.Binary, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => deployment.LogsAsync("pd0", 10, cancellationToken: cts.Token));
    }

    private ComposeDeployment Deployment(ComposeDeploymentOptions? options = null) => new(_state.Path, _docker.Binary, _time, options);

    private static string PsLine(string service, string state, string health, int exitCode, string status) =>
        $$"""{"Command":"\"/entrypoint\"","CreatedAt":"2026-01-25 10:00:00 +0000 UTC","ExitCode":{{exitCode}},"Health":"{{health}}","ID":"4f1c2a","Image":"pingcap/tikv:v8.5.5","Labels":"com.docker.compose.project=operator-tikv","LocalVolumes":"1","Mounts":"operator-tikv_{{service}}-data","Name":"operator-tikv-{{service}}-1","Names":"operator-tikv-{{service}}-1","Networks":"operator-tikv_default","Ports":"","Project":"operator-tikv","Publishers":[{"URL":"127.0.0.1","TargetPort":20180,"PublishedPort":20181,"Protocol":"tcp"}],"RunningFor":"5 minutes ago","Service":"{{service}}","Size":"0B","State":"{{state}}","Status":"{{status}}"}""";
}
