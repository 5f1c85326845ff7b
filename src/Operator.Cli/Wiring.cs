using Operator.Cli.Demo;
using Operator.Core;
using Operator.Core.Tickets;
using Operator.Etcd;
using Operator.Etcd.Client;
using Operator.Etcd.Local;
using Operator.Etcd.Observing;
using Operator.Etcd.Workload;
using Operator.TiKV.Deployment;

namespace Operator.Cli;

/// <summary>The composition root: turns command-line choices into the library objects a command needs.</summary>
internal static class Wiring
{
    /// <summary>The local etcd cluster of the state dir; clusters it creates get the peer fault proxy (<c>operator fault-proxy run</c>).</summary>
    public static LocalEtcdCluster Cluster(StateDirectory state) =>
        new(state.Path, TimeProvider.System, new LocalEtcdClusterOptions { FaultProxyCommand = SelfCommand.Plain(Commands.FaultProxyCommands.Name, "run") });

    /// <summary>The TiKV docker-compose deployment whose files live in the state dir (docker found on PATH).</summary>
    public static ComposeDeployment Compose(StateDirectory state) => new(state.Path, "docker", TimeProvider.System);

    /// <summary>The compose deployment <c>cluster up --subject tikv</c> started, or a one-line error saying to start it.</summary>
    public static ComposeDeployment ExistingCompose(StateDirectory state, string purpose)
    {
        var compose = Compose(state);
        return compose.Exists
            ? compose
            : throw new OperatorException(
                $"{purpose} for TiKV needs the compose deployment, and there is none in {state.Path}; start it with `operator cluster up --subject tikv`");
    }

    /// <summary>
    /// The etcd subject: the external members given by <paramref name="endpoints"/>, else the local cluster
    /// recorded in the state dir (with its pids, so paused and crashed processes are told apart).
    /// </summary>
    public static async Task<EtcdSubject> SubjectAsync(StateDirectory state, string? endpoints, TimeSpan probeTimeout, CancellationToken cancellationToken)
    {
        var client = new EtcdClient(TimeProvider.System);
        IEtcdEndpointSource source;
        if (!string.IsNullOrWhiteSpace(endpoints))
        {
            var urls = ParseEndpoints(endpoints);
            source = await StaticEndpointSource.DiscoverAsync(client, urls, probeTimeout * 3, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            source = ExistingCluster(state).EndpointSource();
        }

        return new EtcdSubject(source, client, TimeProvider.System, new EtcdSubjectOptions { ProbeTimeout = probeTimeout });
    }

    /// <summary>
    /// The etcd members a workload runs against: the <paramref name="endpoints"/> given, else the local cluster in
    /// the state dir (its URLs re-read while the run lasts; pids do not matter to a client).
    /// </summary>
    public static EtcdKvTarget LoadTarget(StateDirectory state, string? endpoints, EtcdClient client, TimeSpan operationTimeout)
    {
        IEtcdEndpointSource source = !string.IsNullOrWhiteSpace(endpoints)
            ? StaticEndpointSource.FromUrls(ParseEndpoints(endpoints))
            : ExistingCluster(state).EndpointSource();
        return new EtcdKvTarget(client, source, operationTimeout, TimeProvider.System);
    }

    private static LocalEtcdCluster ExistingCluster(StateDirectory state)
    {
        var cluster = Cluster(state);
        return cluster.Exists
            ? cluster
            : throw new OperatorException(
                $"no cluster in {state.Path}; start one with `operator cluster up`, or point at an existing one with --endpoints http://host:2379,...");
    }

    /// <summary>Reading commands never create a database: no file simply means no tickets yet (null).</summary>
    public static async Task<TicketStore?> OpenExistingStoreAsync(StateDirectory state, CancellationToken ct) =>
        File.Exists(state.DatabasePath) ? await TicketStore.OpenAsync(state.DatabasePath, TicketPolicy.Default, TimeProvider.System, ct).ConfigureAwait(false) : null;

    /// <summary>The existing ticket database, or a one-line error saying how to get one.</summary>
    public static async Task<TicketStore> RequireStoreAsync(StateDirectory state, CancellationToken ct) =>
        await OpenExistingStoreAsync(state, ct).ConfigureAwait(false)
        ?? throw new OperatorException($"no ticket database in {state.Path} yet; start the monitor with `operator monitor run` (or pass the right --state-dir)");

    private static IReadOnlyList<Uri> ParseEndpoints(string text) =>
        Subjects.Urls.Parse("--endpoints", text, "--endpoints http://127.0.0.1:2379,http://127.0.0.1:22379");
}
