using System.Globalization;
using Operator.Core.Observing;
using Operator.Core.Time;
using Operator.TiKV;

namespace Operator.Cli;

/// <summary>
/// The JSON of <c>cluster status --subject tikv --json</c> (a contract for scripts): <c>pdMembers</c> and
/// <c>stores</c> as two groups, the PD <c>leader</c>, region counts, warnings, and the time of the observation.
/// </summary>
internal static class TikvStatusJson
{
    public static object From(Observation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new
        {
            subject = "tikv",
            pdMembers = TikvStatusView.PdMembers(o).Select(n => new
            {
                name = n.Name,
                state = n.State.ToWire(),
                leader = n.IsLeader,
                clientUrl = TikvStatusView.Authority(n.Address),
                memberId = n.Fact(TikvReadings.MemberId), // a uint64 above 2^53: kept as text so no reader rounds it
                error = n.Error,
            }),
            stores = TikvStatusView.Stores(o).Select(n => new
            {
                name = n.Name,
                id = n.Metric(TikvReadings.StoreId) is { } id ? (long?)id : null,
                state = n.State.ToWire(),
                pdState = n.Fact(TikvReadings.PdStateName),
                address = n.Fact(TikvReadings.Address),
                statusAddress = n.Fact(TikvReadings.StatusAddress),
                version = n.Fact(TikvReadings.Version),
                regionCount = Whole(n.Metric(TikvReadings.RegionCount)),
                leaderCount = Whole(n.Metric(TikvReadings.LeaderCount)),
                diskUsedRatio = n.Metric(TikvReadings.DiskUsedRatio),
                capacityBytes = Whole(n.Metric(TikvReadings.CapacityBytes)),
                availableBytes = Whole(n.Metric(TikvReadings.AvailableBytes)),
                heartbeatAgeSeconds = n.Metric(TikvReadings.HeartbeatAgeSeconds),
                error = n.Error,
            }),
            leader = o.Fact(TikvReadings.PdLeader),
            regions = o.Fact(TikvReadings.TotalRegions) is null ? null : new
            {
                total = Number(o.Fact(TikvReadings.TotalRegions)),
                missPeer = Number(o.Fact(TikvReadings.MissPeerRegions)),
                downPeer = Number(o.Fact(TikvReadings.DownPeerRegions)),
                pendingPeer = Number(o.Fact(TikvReadings.PendingPeerRegions)),
                offlinePeer = Number(o.Fact(TikvReadings.OfflinePeerRegions)),
                extraPeer = Number(o.Fact(TikvReadings.ExtraPeerRegions)),
            },
            errors = o.Errors,
            observedAt = Timestamps.ToWire(o.At),
        };
    }

    private static long? Whole(double? value) => value is { } v ? (long)Math.Round(v) : null;

    private static long? Number(string? fact) =>
        long.TryParse(fact, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
}
