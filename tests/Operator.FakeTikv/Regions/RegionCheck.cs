namespace Operator.FakeTikv.Regions;

/// <summary>The region checks PD serves under <c>/pd/api/v1/regions/check/{type}</c> that the fake models.</summary>
public enum RegionCheck
{
    /// <summary>Fewer peers than max-replicas. Set by the scenario.</summary>
    MissPeer,

    /// <summary>More peers than max-replicas (needs at least 4 stores). Set by the scenario.</summary>
    ExtraPeer,

    /// <summary>The leader reports a down peer: set by the scenario, and also every region with a peer on a store silent for 10 min.</summary>
    DownPeer,

    /// <summary>The leader reports a lagging peer. Set by the scenario.</summary>
    PendingPeer,

    /// <summary>A peer sits on an Offline store: follows from the stores' states only.</summary>
    OfflinePeer,
}

/// <summary>URL names of <see cref="RegionCheck"/> (<c>miss-peer</c>, …).</summary>
public static class RegionCheckNames
{
    public static string PathName(this RegionCheck check) => check switch
    {
        RegionCheck.MissPeer => "miss-peer",
        RegionCheck.ExtraPeer => "extra-peer",
        RegionCheck.DownPeer => "down-peer",
        RegionCheck.PendingPeer => "pending-peer",
        RegionCheck.OfflinePeer => "offline-peer",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, null),
    };

    public static bool TryParse(string pathName, out RegionCheck check)
    {
        foreach (var candidate in Enum.GetValues<RegionCheck>())
        {
            if (candidate.PathName() == pathName)
            {
                check = candidate;
                return true;
            }
        }

        check = default;
        return false;
    }
}
