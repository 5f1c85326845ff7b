namespace Operator.TiKV.Diagnosing.Rules;

/// <summary>The TiKV knowledge base: one hypothesis per file, listed here once, in preference order for ties.</summary>
public static class TikvHypotheses
{
    public static IReadOnlyList<ITikvHypothesis> Create() =>
    [
        new StoreCrashedHypothesis(),
        new NetworkIsolatedHypothesis(),
        new DiskFullHypothesis(),
        new SlowDiskHypothesis(),
        new HotRegionHypothesis(),
        new PdMemberCrashedHypothesis(),
        new PdQuorumLostHypothesis(),
    ];
}
