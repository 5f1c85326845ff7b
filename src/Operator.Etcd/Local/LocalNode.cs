using Operator.Core.Observing;

namespace Operator.Etcd.Local;

/// <summary>One member of a local cluster right now: where it listens, its files, its pid file and what the OS says about it.</summary>
/// <param name="Name">Member name (<c>n1</c>).</param>
/// <param name="ClientUrl">Client API (gateway, /health).</param>
/// <param name="PeerUrl">Raft peer URL.</param>
/// <param name="MetricsUrl">Separate listener serving /metrics and /health.</param>
/// <param name="DataDir">etcd data directory.</param>
/// <param name="LogFile">zap JSON log, one object per line.</param>
/// <param name="StderrFile">Captured stderr (capnslog /health reasons, grpc warnings, startup failures).</param>
/// <param name="PidFile">The pid file.</param>
/// <param name="Pid">The pid in the pid file, if any (it may no longer be running).</param>
/// <param name="State">Running/Stopped when <see cref="Pid"/> is this node's etcd, Gone when not, Unknown without a pid.</param>
public sealed record LocalNode(
    string Name,
    Uri ClientUrl,
    Uri PeerUrl,
    Uri MetricsUrl,
    string DataDir,
    string LogFile,
    string StderrFile,
    string PidFile,
    int? Pid,
    ProcessState State)
{
    /// <summary>The process exists and is not stopped.</summary>
    public bool IsRunning => State == ProcessState.Running;

    /// <summary>The process exists, running or paused.</summary>
    public bool IsAlive => State is ProcessState.Running or ProcessState.Stopped;

    public EtcdEndpoint ToEndpoint() => new(Name, ClientUrl, MetricsUrl, Pid);

    internal static LocalNode From(LocalNodeSpec spec)
    {
        var pid = NodeProcess.ReadPid(spec.PidFile);
        return new LocalNode(
            spec.Name,
            spec.ClientUrl,
            spec.PeerUrl,
            spec.MetricsUrl,
            spec.DataDir,
            spec.LogFile,
            spec.StderrFile,
            spec.PidFile,
            pid,
            NodeProcess.State(pid, spec));
    }
}
