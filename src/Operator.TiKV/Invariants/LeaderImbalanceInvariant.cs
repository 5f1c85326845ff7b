using System.Globalization;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.TiKV.Invariants;

/// <summary>
/// Region leaders are spread evenly over the serving stores: (most − fewest) / mean stays under a ratio, once there are
/// enough leaders for the spread to mean something. A long grace lets PD's balance-leader scheduler catch up after a
/// restart before anyone is told.
/// </summary>
public sealed class LeaderImbalanceInvariant : IInvariant
{
    public string Name => "leader_imbalance";

    public string Description => "region leaders are spread evenly over the serving stores";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.FromMinutes(2), Severity.Warning, new Dictionary<string, double>
    {
        ["ratio"] = 0.5,
        ["min_leaders"] = 30,
    });

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var counts = TikvSnapshots.Stores(observation)
            .Where(s => s.IsUp && s.Fact(TikvReadings.PdStateName) is null or "Up")
            .Select(s => (s.Name, Leaders: s.Metric(TikvReadings.LeaderCount)))
            .Where(s => s.Leaders is not null)
            .Select(s => (s.Name, Leaders: s.Leaders!.Value))
            .ToList();
        if (counts.Count < 2)
        {
            return null;
        }

        var total = counts.Sum(c => c.Leaders);
        if (total < settings.Parameter("min_leaders", 30))
        {
            return [];
        }

        var mean = total / counts.Count;
        var most = counts.MaxBy(c => c.Leaders);
        var fewest = counts.MinBy(c => c.Leaders);
        var spread = (most.Leaders - fewest.Leaders) / mean;
        var ratio = settings.Parameter("ratio", 0.5);
        if (spread < ratio)
        {
            return [];
        }

        var each = string.Join(", ", counts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Name} {c.Leaders:0}")));
        return [new Finding(
            "cluster",
            null,
            string.Create(CultureInfo.InvariantCulture, $"region leaders are unbalanced: {each} (spread {spread:0.00} of the mean {mean:0.#}, limit {ratio:0.00})"),
            TikvSnapshots.Cluster(observation))];
    }
}
