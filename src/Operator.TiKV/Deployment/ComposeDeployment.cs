using System.Globalization;
using Operator.Core;

namespace Operator.TiKV.Deployment;

/// <summary>
/// The TiKV playground on Docker: 3 PD, 3 TiKV, Prometheus and a go-ycsb load, run with <c>docker compose</c>
/// from files written into <c>&lt;state-dir&gt;/tikv/</c>. Chaos acts on single containers (<c>docker kill</c>,
/// <c>docker pause</c>/<c>unpause</c>, <c>docker compose start</c>). Every docker command runs without a shell and with a deadline, and every failure is
/// one line naming the command and docker's own error. Endpoints from the host: <see cref="ComposeEndpoints"/>.
/// </summary>
public sealed class ComposeDeployment
{
    /// <summary>What to do when Docker cannot run the playground.</summary>
    public const string UpHint = "install Docker, or point Operator at an existing cluster with --pd URLS";

    private const string UpPurpose = "cluster up --subject tikv";
    private const string InstallHint = "install Docker";

    private readonly string _docker;
    private readonly TimeProvider _time;
    private readonly ComposeDeploymentOptions _options;
    private readonly DockerLocator _locator;

    /// <param name="stateDir">Operator's state dir; the deployment's files live in its <c>tikv/</c> folder.</param>
    /// <param name="dockerBinary">A path to docker, or a name looked up on PATH (default <c>docker</c>).</param>
    /// <param name="time">Clock for deadlines and action times.</param>
    /// <param name="options">Project name, PATH and deadlines.</param>
    public ComposeDeployment(string stateDir, string dockerBinary = "docker", TimeProvider? time = null, ComposeDeploymentOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(dockerBinary);
        Directory = Path.Combine(Path.GetFullPath(stateDir), "tikv");
        _docker = dockerBinary;
        _time = time ?? TimeProvider.System;
        _options = options ?? new ComposeDeploymentOptions();
        _locator = new DockerLocator(_options.SearchPath);
    }

    /// <summary>Where the compose files are written (<c>&lt;state-dir&gt;/tikv</c>).</summary>
    public string Directory { get; }

    /// <summary>The compose file passed to <c>docker compose -f</c>.</summary>
    public string ComposeFile => Path.Combine(Directory, ComposeFiles.ComposeFile);

    /// <summary>The compose project name (<c>-p</c>).</summary>
    public string Project => _options.ProjectName;

    /// <summary>The deployment's files are in the state dir (its containers may or may not exist).</summary>
    public bool Exists => File.Exists(ComposeFile);

    /// <summary>
    /// Checks that Docker can run the playground (docker on PATH, an engine answering <c>docker info</c>, the compose
    /// plugin), writes the compose files, and runs <c>docker compose up -d --wait</c>: returns once every service is
    /// running and healthy, with their statuses. Starting an already running deployment is harmless.
    /// </summary>
    /// <exception cref="OperatorException">Docker is missing or not running, or compose failed.</exception>
    public async Task<IReadOnlyList<ComposeServiceStatus>> UpAsync(CancellationToken cancellationToken = default)
    {
        var docker = Cli(UpPurpose, UpHint);
        var info = await docker.RunAsync(["info", "--format", "{{.ServerVersion}}"], _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (info.ExitCode != 0 || string.IsNullOrWhiteSpace(info.Stdout))
        {
            var why = info.ExitCode != 0 ? DockerCli.ErrorLine(info) : "it reported no server version";
            throw new OperatorException(
                $"{UpPurpose} needs Docker: the Docker engine is not reachable (`docker info`: {why}); start the Docker engine or {UpHint}");
        }

        var compose = await docker.RunAsync(["compose", "version"], _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (compose.ExitCode != 0)
        {
            throw new OperatorException(
                $"{UpPurpose} needs Docker Compose v2: `docker compose version` failed: {DockerCli.ErrorLine(compose)}; install the Docker Compose plugin, or point Operator at an existing cluster with --pd URLS");
        }

        await ComposeFiles.WriteAllAsync(Directory, cancellationToken).ConfigureAwait(false);
        await RunComposeAsync(docker, UpPurpose, ["up", "-d", "--wait"], _options.UpTimeout, cancellationToken,
            $"see `docker compose -p {Project} -f {ComposeFile} logs`").ConfigureAwait(false);
        return await StatusAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>docker compose down</c>: removes the containers and the network; with <paramref name="purge"/> also the
    /// data volumes (<c>down -v</c>) and the written files.
    /// </summary>
    public async Task DownAsync(bool purge = false, CancellationToken cancellationToken = default)
    {
        const string purpose = "cluster down --subject tikv";
        var docker = Cli(purpose, InstallHint);
        await EnsureFilesAsync(cancellationToken).ConfigureAwait(false);
        await RunComposeAsync(docker, purpose, purge ? ["down", "-v"] : ["down"], _options.DownTimeout, cancellationToken).ConfigureAwait(false);
        if (purge)
        {
            ComposeFiles.DeleteAll(Directory);
        }
    }

    /// <summary>SIGKILLs one node's container (<c>docker kill --signal KILL</c>); it stays down until started.</summary>
    /// <param name="node"><c>pd0</c>…, <c>store&lt;id&gt;</c> or a service name.</param>
    /// <param name="storeAddresses">Store id → gRPC address as PD reports them; needed for <c>store&lt;id&gt;</c>.</param>
    /// <param name="cancellationToken">Cancels the wait for docker.</param>
    public async Task<ComposeNodeAction> KillAsync(string node, IReadOnlyDictionary<long, string>? storeAddresses = null, CancellationToken cancellationToken = default)
    {
        var (service, container) = Resolve(node, storeAddresses);
        var docker = Cli("chaos kill", InstallHint);
        await docker.RunCheckedAsync($"kill {node} ({container})", ["kill", "--signal", "KILL", container], _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        return new ComposeNodeAction(node, service, container, _time.GetUtcNow());
    }

    /// <summary>
    /// Freezes one node's container (<c>docker pause</c>: the cgroup freezer stops every process in it). Its ports stay
    /// open and accept connections, but nothing answers: a hung node, not a dead one.
    /// </summary>
    public async Task<ComposeNodeAction> PauseAsync(string node, IReadOnlyDictionary<long, string>? storeAddresses = null, CancellationToken cancellationToken = default)
    {
        var (service, container) = Resolve(node, storeAddresses);
        var docker = Cli("chaos pause", InstallHint);
        await docker.RunCheckedAsync($"pause {node} ({container})", ["pause", container], _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        return new ComposeNodeAction(node, service, container, _time.GetUtcNow());
    }

    /// <summary>Thaws a container frozen by <see cref="PauseAsync"/> (<c>docker unpause</c>).</summary>
    public async Task<ComposeNodeAction> UnpauseAsync(string node, IReadOnlyDictionary<long, string>? storeAddresses = null, CancellationToken cancellationToken = default)
    {
        var (service, container) = Resolve(node, storeAddresses);
        var docker = Cli("chaos resume", InstallHint);
        await docker.RunCheckedAsync($"unpause {node} ({container})", ["unpause", container], _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        return new ComposeNodeAction(node, service, container, _time.GetUtcNow());
    }

    /// <summary>Starts one node's stopped container again (<c>docker compose start &lt;service&gt;</c>): same volume, same flags.</summary>
    public async Task<ComposeNodeAction> StartAsync(string node, IReadOnlyDictionary<long, string>? storeAddresses = null, CancellationToken cancellationToken = default)
    {
        var (service, container) = Resolve(node, storeAddresses);
        var docker = Cli("chaos restart", InstallHint);
        await EnsureFilesAsync(cancellationToken).ConfigureAwait(false);
        await RunComposeAsync(docker, $"start {node} ({service})", ["start", service], _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        return new ComposeNodeAction(node, service, container, _time.GetUtcNow());
    }

    /// <summary>
    /// The last <paramref name="tail"/> lines of a node's container output (<c>docker logs --tail N</c>), stdout and
    /// stderr interleaved by time: TiKV logs to stderr, PD to stdout.
    /// </summary>
    public async Task<IReadOnlyList<string>> LogsAsync(string node, int tail, IReadOnlyDictionary<long, string>? storeAddresses = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tail);
        var (_, container) = Resolve(node, storeAddresses);
        var docker = Cli("reading container logs", InstallHint);
        string[] arguments = ["logs", "--tail", tail.ToString(CultureInfo.InvariantCulture), container];
        var result = await docker.RunAsync(arguments, _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw DockerCli.Failure($"read {node}'s logs ({container})", arguments, result);
        }

        return ContainerLogMerge.Merge(result.Stdout, result.Stderr);
    }

    /// <summary>Every container of the deployment, stopped ones included (<c>docker compose ps --all --format json</c>).</summary>
    public async Task<IReadOnlyList<ComposeServiceStatus>> StatusAsync(CancellationToken cancellationToken = default)
    {
        const string purpose = "cluster status --subject tikv";
        var docker = Cli(purpose, InstallHint);
        await EnsureFilesAsync(cancellationToken).ConfigureAwait(false);

        // --all: without it a killed container is simply missing from the list.
        var output = await RunComposeAsync(docker, purpose, ["ps", "--all", "--format", "json"], _options.CommandTimeout, cancellationToken).ConfigureAwait(false);
        return ComposeServiceStatus.ParseAll(output);
    }

    /// <summary>The compose service and container of a node.</summary>
    public (string Service, string Container) Resolve(string node, IReadOnlyDictionary<long, string>? storeAddresses = null)
    {
        var service = ComposeTopology.ServiceFor(node, storeAddresses ?? new Dictionary<long, string>());
        return (service, ComposeTopology.ContainerName(Project, service));
    }

    private DockerCli Cli(string purpose, string hint) => new(_locator.Locate(_docker, purpose, hint), _time);

    private async Task<string> RunComposeAsync(
        DockerCli docker,
        string what,
        IReadOnlyList<string> subcommand,
        TimeSpan timeout,
        CancellationToken cancellationToken,
        string? hint = null)
    {
        string[] arguments = ["compose", "-p", Project, "-f", ComposeFile, .. subcommand];
        var result = await docker.RunAsync(arguments, timeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw DockerCli.Failure(what, arguments, result, hint);
        }

        return result.Stdout;
    }

    // Commands after `up` need the compose file; a state dir whose files were removed gets them back.
    private async Task EnsureFilesAsync(CancellationToken cancellationToken)
    {
        if (!ComposeFiles.Names.All(name => File.Exists(Path.Combine(Directory, name))))
        {
            await ComposeFiles.WriteAllAsync(Directory, cancellationToken).ConfigureAwait(false);
        }
    }
}
