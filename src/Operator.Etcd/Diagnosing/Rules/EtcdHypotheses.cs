namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>The etcd knowledge base: one hypothesis per file, listed here once, in tie-break order.</summary>
public static class EtcdHypotheses
{
    public static IReadOnlyList<IEtcdHypothesis> Create() =>
    [
        new ProcessCrashedHypothesis(),
        new ProcessHungHypothesis(),
        new NetworkPartitionHypothesis(),
        new NetworkLatencyHypothesis(),
        new DiskFullHypothesis(),
        new SlowDiskHypothesis(),
        new OverloadHypothesis(),
        new QuorumLostHypothesis(),
        new LeaderFlappingHypothesis(),
    ];
}
