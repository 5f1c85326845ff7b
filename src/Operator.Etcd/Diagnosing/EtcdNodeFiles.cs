using Operator.Core.Observing;
using Operator.Etcd.Local;

namespace Operator.Etcd.Diagnosing;

/// <summary>Where one member's logs are and how peers' logs may refer to it; all optional for an external cluster.</summary>
/// <param name="Name">Member name (<c>n2</c>).</param>
/// <param name="LogFile">zap JSON log, if known.</param>
/// <param name="StderrFile">Captured stderr, if known.</param>
/// <param name="Pid">Process id, if the deployment knows it.</param>
/// <param name="PeerUrl">Raft peer URL (appears in peers' dial errors).</param>
/// <param name="ClientUrl">Client URL.</param>
/// <param name="State">The deployment's own verdict on <paramref name="Pid"/>, if it has one; else the gatherer inspects the pid.</param>
public sealed record EtcdNodeFiles(string Name, string? LogFile, string? StderrFile, int? Pid, Uri? PeerUrl, Uri? ClientUrl, ProcessState State = ProcessState.Unknown)
{
    public static EtcdNodeFiles From(LocalNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return new EtcdNodeFiles(node.Name, node.LogFile, node.StderrFile, node.Pid, node.PeerUrl, node.ClientUrl, node.State);
    }
}
