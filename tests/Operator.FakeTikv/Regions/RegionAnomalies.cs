namespace Operator.FakeTikv.Regions;

/// <summary>
/// Which regions the scenario made abnormal, without a list: the designated regions sit at evenly spaced indexes
/// (slot <c>t</c> at <c>t·stride + stride/2</c>), the first slots miss a peer, the next have an extra peer, then a
/// down peer, then a pending peer. Immutable; the cluster swaps in a new one when counts change.
/// </summary>
public sealed class RegionAnomalies
{
    private static readonly RegionCheck[] Designated = [RegionCheck.MissPeer, RegionCheck.ExtraPeer, RegionCheck.DownPeer, RegionCheck.PendingPeer];

    private readonly int[] _counts;
    private readonly long _total;
    private readonly long _stride;

    private RegionAnomalies(long regionCount, int[] counts)
    {
        _counts = counts;
        _total = counts.Sum(c => (long)c);
        if (_total > regionCount)
        {
            throw new ArgumentException($"{_total} abnormal regions do not fit in {regionCount} regions");
        }

        _stride = _total == 0 ? 1 : regionCount / _total;
    }

    public static RegionAnomalies None(long regionCount) => new(regionCount, new int[Designated.Length]);

    /// <summary>Checks whose regions the scenario sets (the others follow from store states).</summary>
    public static IReadOnlyList<RegionCheck> Settable => Designated;

    public int CountOf(RegionCheck check)
    {
        var slot = Array.IndexOf(Designated, check);
        return slot < 0 ? 0 : _counts[slot];
    }

    /// <summary>A copy with <paramref name="check"/> designated on <paramref name="count"/> regions.</summary>
    /// <exception cref="ArgumentException">The check is not settable, or the counts exceed the regions.</exception>
    public RegionAnomalies With(long regionCount, RegionCheck check, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var slot = Array.IndexOf(Designated, check);
        if (slot < 0)
        {
            throw new ArgumentException($"{check.PathName()} regions follow from store states (set a store Offline); they cannot be set directly");
        }

        var counts = (int[])_counts.Clone();
        counts[slot] = count;
        return new RegionAnomalies(regionCount, counts);
    }

    /// <summary>The designated anomaly of a region, if any.</summary>
    public RegionCheck? KindOf(long index)
    {
        if (_total == 0 || index < _stride / 2 || (index - (_stride / 2)) % _stride != 0)
        {
            return null;
        }

        var slot = (index - (_stride / 2)) / _stride;
        foreach (var (check, count) in Designated.Zip(_counts))
        {
            if (slot < count)
            {
                return check;
            }

            slot -= count;
        }

        return null;
    }

    /// <summary>Indexes of the regions designated for <paramref name="check"/>, in index order.</summary>
    public IEnumerable<long> IndexesOf(RegionCheck check)
    {
        var first = 0L;
        foreach (var (candidate, count) in Designated.Zip(_counts))
        {
            if (candidate == check)
            {
                for (var j = 0L; j < count; j++)
                {
                    yield return ((first + j) * _stride) + (_stride / 2);
                }

                yield break;
            }

            first += count;
        }
    }
}
