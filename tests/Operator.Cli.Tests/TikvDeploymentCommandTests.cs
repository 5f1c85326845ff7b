using System.Runtime.Versioning;
using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary><c>cluster up|down --subject tikv</c> through the real CLI, with a fake <c>docker</c> first on PATH.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class TikvDeploymentCommandTests : IDisposable
{
    private const string NoEngine = "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";

    private readonly FakeDocker _docker = new();
    private readonly TempStateDir _state = new();

    public void Dispose()
    {
        _docker.Dispose();
        _state.Dispose();
    }

    private string ComposeFile => Path.Combine(_state.Path, "tikv", "docker-compose.yaml");

    [Fact]
    public async Task Up_checks_docker_runs_compose_up_and_prints_each_service_and_the_urls_to_use()
    {
        _docker.Respond(
            "compose-ps",
            stdout: PsLine("pd0", "running", "healthy", "Up 20 seconds (healthy)") + "\n" + PsLine("tikv1", "running", "healthy", "Up 8 seconds (healthy)") + "\n"
                + PsLine("prometheus", "running", string.Empty, "Up 20 seconds") + "\n");

        var r = await Run("cluster", "up", "--subject", "tikv");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(
            [
                ["info", "--format", "{{.ServerVersion}}"],
                ["compose", "version"],
                ["compose", "-p", "operator-tikv", "-f", ComposeFile, "up", "-d", "--wait"],
                ["compose", "-p", "operator-tikv", "-f", ComposeFile, "ps", "--all", "--format", "json"],
            ],
            _docker.Calls);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("SERVICE     STATE    HEALTH   STATUS", lines[0]);
        Assert.Equal("pd0         running  healthy  Up 20 seconds (healthy)", lines[1]);
        Assert.Equal("tikv1       running  healthy  Up 8 seconds (healthy)", lines[2]);
        Assert.Equal("prometheus  running  -        Up 20 seconds", lines[3]);
        Assert.Equal($"TiKV cluster is up: 3/3 containers running (compose project operator-tikv, files in {Path.Combine(_state.Path, "tikv")})", lines[4]);
        Assert.Equal("  --pd http://127.0.0.1:2379,http://127.0.0.1:2479,http://127.0.0.1:2579", lines[5]);
        Assert.Equal("  --prometheus http://127.0.0.1:9090", lines[6]);
        Assert.Equal(string.Empty, r.Stderr);
        Assert.True(File.Exists(ComposeFile));
    }

    [Fact]
    public async Task Down_runs_compose_down_and_purge_also_removes_the_volumes_and_the_files()
    {
        Assert.Equal(0, (await Run("cluster", "up", "--subject", "tikv")).ExitCode);

        var down = await Run("cluster", "down", "--subject", "tikv");
        Assert.Equal(0, down.ExitCode);
        Assert.Equal(["compose", "-p", "operator-tikv", "-f", ComposeFile, "down"], _docker.Calls[^1]);
        Assert.Equal("TiKV cluster stopped: containers removed, data volumes kept (compose project operator-tikv)", down.Stdout.Trim());
        Assert.True(File.Exists(ComposeFile));

        var purge = await Run("cluster", "down", "--subject", "tikv", "--purge");
        Assert.Equal(0, purge.ExitCode);
        Assert.Equal(["compose", "-p", "operator-tikv", "-f", ComposeFile, "down", "-v"], _docker.Calls[^1]);
        Assert.StartsWith("TiKV cluster removed with its data volumes", purge.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_state.Path, "tikv")));
        Assert.Equal(6, _docker.Calls.Count);
    }

    [Fact]
    public async Task Up_without_docker_on_path_is_one_line()
    {
        var empty = Path.Combine(_state.Path, "empty-bin");
        Directory.CreateDirectory(empty);

        var r = await OperatorCli.RunAsync(_state.Path, new Dictionary<string, string> { ["PATH"] = empty }, "cluster", "up", "--subject", "tikv");

        CliAssert.OneLineError(r, "cluster up --subject tikv needs Docker: docker was not found on PATH; install Docker, or point Operator at an existing cluster with --pd URLS");
        Assert.False(Directory.Exists(Path.Combine(_state.Path, "tikv")));
    }

    [Fact]
    public async Task Up_without_a_docker_engine_is_one_line_quoting_docker_and_runs_nothing_else()
    {
        _docker.Respond("info", stderr: NoEngine + "\n", exitCode: 1);

        var r = await Run("cluster", "up", "--subject", "tikv");

        CliAssert.OneLineError(r, $"operator: cluster up --subject tikv needs Docker: the Docker engine is not reachable (`docker info`: {NoEngine}); start the Docker engine");
        Assert.Equal(["info", "--format", "{{.ServerVersion}}"], Assert.Single(_docker.Calls));
        Assert.Equal(string.Empty, r.Stdout);
    }

    [Fact]
    public async Task Failed_compose_up_is_one_line_naming_the_command()
    {
        _docker.Respond("compose-up", stderr: " Container operator-tikv-pd0-1  Starting\ndependency failed to start: container operator-tikv-pd0-1 is unhealthy\n", exitCode: 1);

        var r = await Run("cluster", "up", "--subject", "tikv");

        CliAssert.OneLineError(r, $"`docker compose -p operator-tikv -f {ComposeFile} up -d --wait` exited with code 1: dependency failed to start: container operator-tikv-pd0-1 is unhealthy");
    }

    [Fact]
    public async Task Options_of_the_other_subject_are_refused_before_anything_runs()
    {
        CliAssert.OneLineError(await Run("cluster", "up", "--subject", "tikv", "--nodes", "5"), "--nodes is for etcd; the TiKV compose cluster always runs 3 PD members and 3 stores");
        CliAssert.OneLineError(await Run("cluster", "up", "--subject", "tikv", "--etcd-bin", "/usr/bin/etcd"), "--etcd-bin is for etcd; the TiKV cluster runs in Docker");
        CliAssert.OneLineError(await Run("cluster", "status", "--subject", "tikv", "--endpoints", "http://127.0.0.1:2379"), "--endpoints is for etcd; for TiKV give PD's URLs with --pd");
        CliAssert.OneLineError(await Run("cluster", "status", "--pd", "http://127.0.0.1:2379"), "--pd is for TiKV; add --subject tikv");
        CliAssert.OneLineError(await Run("chaos", "kill", "n1", "--pd", "http://127.0.0.1:2379"), "--pd is for TiKV; add --subject tikv");
        CliAssert.OneLineError(await Run("chaos", "restart", "n1", "--pd", "http://127.0.0.1:2379"), "--pd is for TiKV; add --subject tikv");
        Assert.Empty(_docker.Calls);
    }

    [Fact]
    public async Task Up_and_down_without_subject_stay_etcd()
    {
        var etcdBin = Path.Combine(_state.Path, "no-such-etcd");

        var up = await Run("cluster", "up", "--etcd-bin", etcdBin);
        var down = await Run("cluster", "down");

        Assert.NotEqual(0, up.ExitCode);
        Assert.Contains(etcdBin, up.Stderr, StringComparison.Ordinal);
        CliAssert.OneLineError(down, "nothing to stop");
        Assert.Empty(_docker.Calls);
    }

    private Task<CliResult> Run(params string[] args) =>
        OperatorCli.RunAsync(_state.Path, new Dictionary<string, string> { ["PATH"] = _docker.PathWithFakeFirst }, args);

    private static string PsLine(string service, string state, string health, string status) =>
        $$"""{"ExitCode":0,"Health":"{{health}}","ID":"4f1c2a","Name":"operator-tikv-{{service}}-1","Project":"operator-tikv","Service":"{{service}}","State":"{{state}}","Status":"{{status}}"}""";
}
