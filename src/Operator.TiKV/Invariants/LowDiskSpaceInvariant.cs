using System.Globalization;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.TiKV.Invariants;

/// <summary>
/// Each store's disk is used below a ratio, computed as PD does: <c>1 − available/capacity</c> (not TiKV's data size).
/// The default 70 % warns well before PD's own low-space line (80 %), when scheduling starts avoiding the store.
/// </summary>
public sealed class LowDiskSpaceInvariant : IInvariant
{
    public string Name => "low_disk_space";

    public string Description => "each store's disk use (1 − available/capacity) stays below the ratio";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.Zero, Severity.Warning, new Dictionary<string, double>
    {
        ["ratio"] = 0.7,
    });

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var measured = TikvSnapshots.Stores(observation).Where(s => s.Metric(TikvReadings.DiskUsedRatio) is { } r && double.IsFinite(r)).ToList();
        if (measured.Count == 0)
        {
            return null;
        }

        var ratio = settings.Parameter("ratio", 0.7);
        return measured
            .Where(s => s.Metric(TikvReadings.DiskUsedRatio) >= ratio)
            .Select(s =>
            {
                var used = s.Metric(TikvReadings.DiskUsedRatio)!.Value;
                var free = s.Metric(TikvReadings.AvailableBytes) is { } a && s.Metric(TikvReadings.CapacityBytes) is { } c
                    ? string.Create(CultureInfo.InvariantCulture, $" ({Gib(a)} free of {Gib(c)})")
                    : string.Empty;
                return new Finding(
                    s.Name,
                    s.Name,
                    string.Create(CultureInfo.InvariantCulture, $"{s.Name} disk is {used * 100:0.#} % used{free}, at or above {ratio * 100:0} %"),
                    TikvSnapshots.Node(observation, s));
            })
            .ToList();
    }

    private static string Gib(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.##} GiB");
}
