using Operator.FakeTikv.Tikv;

namespace Operator.FakeTikv.Regions;

/// <summary>
/// PD's region information, generated on demand from the <see cref="RegionLayout"/>, the scenario's
/// <see cref="RegionAnomalies"/> and the stores' conditions: one region by id, all regions, and the members of each
/// region check. Checks that depend only on designated regions cost O(count); down-peer and offline-peer scan all
/// regions only while some store is down or Offline.
/// </summary>
public sealed class RegionCatalog
{
    private readonly object _gate = new();
    private RegionAnomalies _anomalies;

    public RegionCatalog(RegionLayout layout)
    {
        Layout = layout;
        _anomalies = RegionAnomalies.None(layout.Count);
    }

    public RegionLayout Layout { get; }

    public long Count => Layout.Count;

    public RegionAnomalies Anomalies => Volatile.Read(ref _anomalies);

    /// <summary>Makes <paramref name="count"/> regions fail <paramref name="check"/> (PD lists exactly those, with plausible peers).</summary>
    /// <exception cref="ArgumentException">The check follows from store states, needs more stores, or the counts exceed the regions.</exception>
    public void SetCount(RegionCheck check, int count)
    {
        if (check == RegionCheck.ExtraPeer && count > 0 && Layout.StoreCount <= Layout.Replicas)
        {
            throw new ArgumentException($"extra-peer regions need more stores than max-replicas ({Layout.Replicas}); there are {Layout.StoreCount}");
        }

        lock (_gate)
        {
            Volatile.Write(ref _anomalies, _anomalies.With(Layout.Count, check, count));
        }
    }

    public RegionView View(long index, StoreConditions stores)
    {
        var kind = Anomalies.KindOf(index);
        var replicas = Layout.Replicas;
        var peerCount = kind switch
        {
            RegionCheck.MissPeer => Math.Max(1, replicas - 1),
            RegionCheck.ExtraPeer => replicas + 1,
            _ => replicas,
        };
        Span<int> store = stackalloc int[4];
        for (var r = 0; r < 4; r++)
        {
            store[r] = r < peerCount ? Layout.StoreIndexOf(index, r) : -1;
        }

        var nominal = Math.Min(Layout.NominalLeader(index), peerCount - 1);
        var leader = ElectedLeader(nominal, store[..peerCount], stores);
        var follower = LastFollower(peerCount, leader);
        var down = kind == RegionCheck.DownPeer && follower >= 0 ? 1 << follower : 0;
        var pending = kind == RegionCheck.PendingPeer && follower >= 0 ? 1 << follower : 0;
        var offline = 0;
        for (var r = 0; r < peerCount; r++)
        {
            if (stores.DownSeconds(store[r]) > 0 && r != leader)
            {
                down |= 1 << r;
            }

            if (stores.IsOffline(store[r]))
            {
                offline |= 1 << r;
            }
        }

        return new RegionView(index, Layout.IdAt(index), peerCount, store[0], store[1], store[2], store[3], leader, down, pending, offline);
    }

    /// <summary>Whether region <paramref name="index"/> would be listed by <paramref name="check"/>.</summary>
    public bool Fails(RegionView region, RegionCheck check) => check switch
    {
        RegionCheck.MissPeer => region.PeerCount < Layout.Replicas,
        RegionCheck.ExtraPeer => region.PeerCount > Layout.Replicas,
        RegionCheck.DownPeer => region.DownMask != 0,
        RegionCheck.PendingPeer => region.PendingMask != 0,
        RegionCheck.OfflinePeer => region.OfflineMask != 0,
        _ => false,
    };

    public long CountFailing(RegionCheck check, StoreConditions stores) =>
        NeedsScan(check, stores) ? All(stores).LongCount(r => Fails(r, check)) : Anomalies.CountOf(check);

    public IEnumerable<RegionView> Failing(RegionCheck check, StoreConditions stores) =>
        NeedsScan(check, stores)
            ? All(stores).Where(r => Fails(r, check))
            : Anomalies.IndexesOf(check).Select(i => View(i, stores));

    public IEnumerable<RegionView> All(StoreConditions stores)
    {
        for (var i = 0L; i < Layout.Count; i++)
        {
            yield return View(i, stores);
        }
    }

    /// <summary>Regions per store (by index) as PD counts them: peers, leaders, and their sizes in MiB. O(regions).</summary>
    public (int[] Regions, int[] Leaders, long[] RegionSizes, long[] LeaderSizes) PerStoreTotals(StoreConditions stores)
    {
        var regions = new int[Layout.StoreCount];
        var leaders = new int[Layout.StoreCount];
        var regionSizes = new long[Layout.StoreCount];
        var leaderSizes = new long[Layout.StoreCount];
        for (var i = 0L; i < Layout.Count; i++)
        {
            var region = View(i, stores);
            var size = Layout.ApproximateSizeMiB(i);
            for (var r = 0; r < region.PeerCount; r++)
            {
                var s = region.StoreOf(r);
                regions[s]++;
                regionSizes[s] += size;
                if (r == region.LeaderReplica)
                {
                    leaders[s]++;
                    leaderSizes[s] += size;
                }
            }
        }

        return (regions, leaders, regionSizes, leaderSizes);
    }

    private static bool NeedsScan(RegionCheck check, StoreConditions stores) =>
        (check == RegionCheck.DownPeer && stores.AnyDown) || (check == RegionCheck.OfflinePeer && stores.AnyOffline);

    // PD shows the leader that last heartbeated: when the leader's store goes silent, a new leader is elected among
    // the peers still alive if they are a majority, and PD then reports that one.
    private static int ElectedLeader(int nominal, ReadOnlySpan<int> stores, StoreConditions conditions)
    {
        if (!conditions.IsSilent(stores[nominal]))
        {
            return nominal;
        }

        var alive = 0;
        var firstAlive = -1;
        for (var r = 0; r < stores.Length; r++)
        {
            if (!conditions.IsSilent(stores[r]))
            {
                alive++;
                firstAlive = firstAlive < 0 ? r : firstAlive;
            }
        }

        return alive * 2 > stores.Length ? firstAlive : nominal;
    }

    private static int LastFollower(int peerCount, int leader)
    {
        for (var r = peerCount - 1; r >= 0; r--)
        {
            if (r != leader)
            {
                return r;
            }
        }

        return -1;
    }
}
