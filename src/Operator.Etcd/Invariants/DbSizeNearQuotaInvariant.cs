using System.Globalization;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.Etcd.Invariants;

/// <summary>Each member's database file stays below a share of the backend quota (NOSPACE fires at 100 %).</summary>
public sealed class DbSizeNearQuotaInvariant : IInvariant
{
    public string Name => "db_size_near_quota";

    public string Description => "each member's db size stays below a share (default 80 %) of its backend quota";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.Zero, Severity.Warning, new Dictionary<string, double> { ["ratio"] = 0.8 });

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var ratio = settings.Parameter("ratio", 0.8);
        var findings = new List<Finding>();
        var evaluated = false;
        foreach (var n in observation.Nodes.Where(n => n.IsUp))
        {
            if (n.Metric(EtcdReadings.DbSizeBytes) is not { } size || n.Metric(EtcdReadings.QuotaBytes) is not { } quota || quota <= 0)
            {
                continue;
            }

            evaluated = true;
            var used = size / quota;
            if (used < ratio)
            {
                continue;
            }

            var inUse = n.Metric(EtcdReadings.DbSizeInUseBytes) is { } u ? $", {Mb(u)} in use" : string.Empty;
            var snapshot = Snapshots.Node(observation, n);
            snapshot["usedRatio"] = Math.Round(used, 4);
            findings.Add(new Finding(
                n.Name,
                n.Name,
                $"{n.Name} db size {Mb(size)} is {used.ToString("P0", CultureInfo.InvariantCulture)} of its {Mb(quota)} quota (threshold {ratio.ToString("P0", CultureInfo.InvariantCulture)}{inUse})",
                snapshot));
        }

        return evaluated ? findings : null;
    }

    private static string Mb(double bytes) => $"{(bytes / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture)} MiB";
}
