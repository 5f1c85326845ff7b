namespace Operator.Etcd.Local;

/// <summary>
/// Endpoints of the local cluster in a state dir: URLs from <c>cluster.json</c> (re-read only when the file
/// changes) and pids from the pid files on every call, since restarts change them.
/// </summary>
public sealed class LocalEndpointSource : IEtcdEndpointSource
{
    private readonly StateDirLayout _layout;
    private readonly Lock _gate = new();
    private DateTime _readWriteTime;
    private LocalClusterSpec? _spec;

    public LocalEndpointSource(string stateDir)
    {
        _layout = new StateDirLayout(stateDir);
    }

    /// <summary>One endpoint per recorded node; empty when the state dir holds no cluster.</summary>
    public IReadOnlyList<EtcdEndpoint> Current()
    {
        var spec = Spec();
        if (spec is null)
        {
            return [];
        }

        return spec.Nodes
            .Select(n => new EtcdEndpoint(n.Name, n.ClientUrl, n.MetricsUrl, NodeProcess.ReadPid(n.PidFile)))
            .ToList();
    }

    private LocalClusterSpec? Spec()
    {
        lock (_gate)
        {
            var writeTime = File.GetLastWriteTimeUtc(_layout.ClusterFile);
            if (_spec is null || writeTime != _readWriteTime)
            {
                try
                {
                    _spec = ClusterSpecStore.TryRead(_layout);
                    _readWriteTime = writeTime;
                }
                catch (Core.OperatorException) when (_spec is not null)
                {
                    // Keep serving the last good layout rather than failing a monitoring cycle.
                }
            }

            return _spec;
        }
    }
}
