namespace Operator.Etcd.Local;

/// <summary>Where a local cluster keeps its files inside a state dir (other files there belong to others).</summary>
internal sealed class StateDirLayout
{
    public StateDirLayout(string stateDir)
    {
        StateDir = Path.GetFullPath(stateDir);
    }

    public string StateDir { get; }

    public string ClusterFile => Path.Combine(StateDir, "cluster.json");

    public string NodesDir => Path.Combine(StateDir, "nodes");

    public string NodeDir(string name) => Path.Combine(NodesDir, name);

    public string DataDir(string name) => Path.Combine(NodeDir(name), "data");

    public string LogFile(string name) => Path.Combine(NodeDir(name), "etcd.log");

    public string StderrFile(string name) => Path.Combine(NodeDir(name), "etcd.stderr.log");

    public string PidFile(string name) => Path.Combine(NodeDir(name), "etcd.pid");

    public string FaultProxyPidFile => Path.Combine(StateDir, "faultproxy.pid");

    public string FaultProxyLogFile => Path.Combine(StateDir, "faultproxy.log");

    /// <summary>The proxy's exact command line (a JSON array), compared with /proc before it is signalled.</summary>
    public string FaultProxyArgvFile => Path.Combine(StateDir, "faultproxy.argv.json");

    public string FaultProxyRulesFile => Path.Combine(StateDir, "faultproxy.rules.json");

    public string FaultProxyAppliedFile => Path.Combine(StateDir, "faultproxy.applied");

    /// <summary>Every file the fault proxy and its control leave in the state dir.</summary>
    public IReadOnlyList<string> FaultProxyFiles => [FaultProxyPidFile, FaultProxyLogFile, FaultProxyArgvFile, FaultProxyRulesFile, FaultProxyAppliedFile];
}
