using System.Globalization;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.TiKV.Invariants;

/// <summary>
/// A PD region check (miss-peer, down-peer) lists no more regions than a threshold. The counts come from PD's
/// <c>/regions/check/*</c> endpoints, which list only the affected regions, so this is as cheap with a million regions
/// as with ten. Two instances: <see cref="MissPeer"/> and <see cref="DownPeer"/>.
/// </summary>
public sealed class RegionPeerCountInvariant : IInvariant
{
    private readonly string _fact;
    private readonly string _what;

    private RegionPeerCountInvariant(string name, string fact, string what, InvariantSettings defaults)
    {
        Name = name;
        _fact = fact;
        _what = what;
        Defaults = defaults;
    }

    public string Name { get; }

    public string Description => $"no more than the threshold of regions {_what}";

    public InvariantSettings Defaults { get; }

    /// <summary>Regions with fewer peers than the placement rules want (a replica is lost or not yet re-created).</summary>
    public static RegionPeerCountInvariant MissPeer() => new(
        "region_miss_peer",
        TikvReadings.MissPeerRegions,
        "miss a peer",
        new InvariantSettings(true, TimeSpan.FromSeconds(30), Severity.Warning, new Dictionary<string, double> { ["threshold"] = 0 }));

    /// <summary>Regions whose leader reports a peer silent for max-peer-down-duration (10 min by default).</summary>
    public static RegionPeerCountInvariant DownPeer() => new(
        "region_down_peer",
        TikvReadings.DownPeerRegions,
        "have a down peer",
        new InvariantSettings(true, TimeSpan.Zero, Severity.Critical, new Dictionary<string, double> { ["threshold"] = 0 }));

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        if (TikvSnapshots.Count(observation, _fact) is not { } count)
        {
            return null; // PD did not answer the check this cycle
        }

        var threshold = settings.Parameter("threshold", 0);
        if (count <= threshold)
        {
            return [];
        }

        var total = TikvSnapshots.Count(observation, TikvReadings.TotalRegions);
        var sample = observation.Fact(TikvReadings.RegionSample);
        var of = total is { } t ? string.Create(CultureInfo.InvariantCulture, $" of {t}") : string.Empty;
        var ids = string.IsNullOrEmpty(sample) ? string.Empty : $" ({sample})";
        return [new Finding(
            "cluster",
            null,
            string.Create(CultureInfo.InvariantCulture, $"{count}{of} regions {_what}{ids}; threshold {threshold:0}"),
            TikvSnapshots.Cluster(observation))];
    }
}
