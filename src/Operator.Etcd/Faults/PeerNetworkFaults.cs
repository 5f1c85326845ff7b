using Operator.Core;
using Operator.Etcd.Local;
using Operator.Etcd.Local.Network;

namespace Operator.Etcd.Faults;

/// <summary>Adding and removing one node's entry in the fault proxy's set, leaving other nodes' faults alone.</summary>
internal static class PeerNetworkFaults
{
    /// <summary>Refuses a cluster made without the proxy (before this release, or by a library user without one).</summary>
    public static void RequireProxy(LocalEtcdCluster cluster, string fault)
    {
        if (!cluster.HasFaultProxy)
        {
            throw new OperatorException(
                $"{fault} needs the peer fault proxy, and the cluster in {cluster.StateDir} was created without one; recreate it with `operator cluster down --purge` and `operator cluster up`");
        }
    }

    public static Task AddAsync(LocalEtcdCluster cluster, NetworkFault fault, CancellationToken cancellationToken)
    {
        var others = cluster.NetworkFaults().Where(f => f.Node != fault.Node);
        return cluster.ApplyNetworkFaultsAsync([.. others, fault], cancellationToken);
    }

    /// <summary>Heals <paramref name="node"/>; nothing is written when it has no fault (or the cluster no proxy).</summary>
    public static Task RemoveAsync(LocalEtcdCluster cluster, string node, CancellationToken cancellationToken)
    {
        if (!cluster.HasFaultProxy)
        {
            return Task.CompletedTask;
        }

        var current = cluster.NetworkFaults();
        return current.Any(f => f.Node == node)
            ? cluster.ApplyNetworkFaultsAsync(current.Where(f => f.Node != node).ToList(), cancellationToken)
            : Task.CompletedTask;
    }
}
