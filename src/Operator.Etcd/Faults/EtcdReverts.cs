using Operator.Core.Observing;
using Operator.Etcd.Local;

namespace Operator.Etcd.Faults;

/// <summary>The undo steps faults share; each does nothing for a member already in the wanted state.</summary>
internal static class EtcdReverts
{
    /// <summary>Resumes paused members, then starts members whose process is gone.</summary>
    public static async Task StartIfDownAsync(LocalEtcdCluster cluster, IReadOnlyList<string> nodes, CancellationToken cancellationToken)
    {
        foreach (var name in nodes)
        {
            var node = cluster.Node(name);
            if (node.State == ProcessState.Stopped)
            {
                await cluster.ResumeAsync(name, cancellationToken).ConfigureAwait(false);
            }
            else if (!node.IsAlive)
            {
                await cluster.RestartAsync(name, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
