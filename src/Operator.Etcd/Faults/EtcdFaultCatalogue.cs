using Operator.Core.Faults;
using Operator.Etcd.Local;

namespace Operator.Etcd.Faults;

/// <summary>The faults of the local etcd cluster, in the order <c>chaos list</c> shows them.</summary>
public static class EtcdFaultCatalogue
{
    public static FaultCatalogue Create(LocalEtcdCluster cluster, TimeProvider? time = null, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var clock = time ?? TimeProvider.System;
        var targets = new EtcdFaultTargets(cluster, clock, random ?? Random.Shared);
        return new FaultCatalogue(
        [
            new KillFault(targets, ChaosTarget.FollowerKeyword),
            new KillFault(targets, ChaosTarget.LeaderKeyword),
            new PauseFault(targets),
            new QuorumLossFault(targets),
            new NoSpaceFault(targets, clock),
            new LatencyFault(targets, clock),
            new PartitionFault(targets, clock),
        ]);
    }
}
