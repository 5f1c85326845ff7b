using Operator.Etcd;
using Operator.Etcd.Local;

namespace Operator.Testing;

/// <summary>
/// A real local etcd cluster in its own temp state dir, for tests. Dispose SIGKILLs every process it (or
/// the test, through <see cref="Cluster"/>) started there and deletes the dir, also after failures.
/// </summary>
public sealed class EtcdTestCluster : IAsyncDisposable
{
    private readonly TempStateDir _dir;
    private bool _disposed;

    private EtcdTestCluster(TempStateDir dir, LocalEtcdCluster cluster)
    {
        _dir = dir;
        Cluster = cluster;
        EndpointSource = cluster.EndpointSource();
    }

    /// <summary>The state dir (absolute).</summary>
    public string StateDir => _dir.Path;

    /// <summary>The deployment, for kill/restart/pause in tests.</summary>
    public LocalEtcdCluster Cluster { get; }

    /// <summary>Current endpoints (pids re-read on every access).</summary>
    public IReadOnlyList<EtcdEndpoint> Endpoints => Cluster.Endpoints();

    /// <summary>A live endpoint source, as the monitor would use it.</summary>
    public IEtcdEndpointSource EndpointSource { get; }

    /// <summary>Current members with pids and process states.</summary>
    public IReadOnlyList<LocalNode> Nodes => Cluster.Nodes();

    /// <summary>Starts <paramref name="nodes"/> members (etcd from PATH) and returns once all are healthy.</summary>
    public static Task<EtcdTestCluster> StartAsync(int nodes = 3, CancellationToken ct = default) => StartAsync(nodes, null, ct);

    /// <summary>
    /// Starts <paramref name="nodes"/> members behind the peer fault proxy, which <paramref name="faultProxyCommand"/>
    /// runs (e.g. <c>dotnet operator.dll fault-proxy run</c>; the state-dir option is appended).
    /// </summary>
    public static Task<EtcdTestCluster> StartWithFaultProxyAsync(int nodes, IReadOnlyList<string> faultProxyCommand, CancellationToken ct = default) =>
        StartAsync(nodes, faultProxyCommand, ct);

    private static async Task<EtcdTestCluster> StartAsync(int nodes, IReadOnlyList<string>? faultProxyCommand, CancellationToken ct)
    {
        var dir = new TempStateDir();
        var cluster = new LocalEtcdCluster(dir.Path, options: new LocalEtcdClusterOptions { FaultProxyCommand = faultProxyCommand });
        var started = new EtcdTestCluster(dir, cluster);
        try
        {
            await cluster.UpAsync(nodes, etcdBinary: null, ct);
            return started;
        }
        catch
        {
            await started.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await Cluster.KillAllAsync();
        }
        catch (Exception)
        {
            // Fall through to the sweep below, which does not depend on cluster.json.
        }

        await StateDirProcesses.KillAllAsync(StateDir);
        _dir.Dispose();
    }
}
