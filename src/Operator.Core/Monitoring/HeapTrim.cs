namespace Operator.Core.Monitoring;

/// <summary>
/// Keeps a long-running loop's managed heap near what it really holds. A cycle's garbage (a thousand probes' requests
/// and answers, PD's store list) is still referenced by requests in flight when the young generations are collected,
/// so it is promoted and piles up in the old generation, which the runtime collects only when that has grown several
/// times over. Between cycles, when nothing is in flight, a heap grown past one and a half times the last live size (and by at least
/// <see cref="MinGrowthBytes"/>) gets one full compacting collection: a few milliseconds now and then, against tens of
/// megabytes of resident memory on a big cluster; on a small one it never fires.
/// </summary>
public sealed class HeapTrim
{
    /// <summary>Growth below this never triggers a collection.</summary>
    public const long MinGrowthBytes = 16L << 20;

    private long _live = -1;

    /// <summary>Full collections this instance ran.</summary>
    public int Collections { get; private set; }

    /// <summary>Call between cycles; collects when the heap has grown enough since the last collection.</summary>
    public void BetweenCycles()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: false);
        if (_live < 0)
        {
            _live = heap;
            return;
        }

        if (heap < Math.Max(_live + (_live / 2), _live + MinGrowthBytes))
        {
            return;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        _live = GC.GetTotalMemory(forceFullCollection: false);
        Collections++;
    }
}
