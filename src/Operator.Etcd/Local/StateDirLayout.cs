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
}
