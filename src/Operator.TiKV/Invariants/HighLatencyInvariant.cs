using System.Globalization;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.TiKV.Invariants;

/// <summary>Each serving store's p99 gRPC latency (Prometheus, over 1 m) stays under a threshold.</summary>
public sealed class HighLatencyInvariant : IInvariant
{
    public string Name => "high_latency";

    public string Description => "each store's p99 gRPC message duration over the last minute stays under the threshold";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.FromSeconds(30), Severity.Warning, new Dictionary<string, double>
    {
        ["threshold_ms"] = 500,
    });

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var measured = TikvSnapshots.Stores(observation).Where(s => s.IsUp && s.Metric(TikvReadings.GrpcP99Seconds) is { } v && double.IsFinite(v)).ToList();
        if (measured.Count == 0)
        {
            return null; // no latency readings (Prometheus missing or idle): cannot judge
        }

        var threshold = settings.Parameter("threshold_ms", 500) / 1000.0;
        return measured
            .Where(s => s.Metric(TikvReadings.GrpcP99Seconds) >= threshold)
            .Select(s =>
            {
                var p99 = s.Metric(TikvReadings.GrpcP99Seconds)!.Value;
                var qps = s.Metric(TikvReadings.Qps) is { } q ? string.Create(CultureInfo.InvariantCulture, $" at {q:0} QPS") : string.Empty;
                return new Finding(
                    s.Name,
                    s.Name,
                    string.Create(CultureInfo.InvariantCulture, $"{s.Name} p99 gRPC latency {p99 * 1000:0.#} ms{qps} exceeds {threshold * 1000:0} ms"),
                    TikvSnapshots.Node(observation, s));
            })
            .ToList();
    }
}
