using System.Globalization;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.Etcd.Invariants;

/// <summary>
/// Each member's p99 request latency over a sliding window stays under a threshold. Computed from the
/// cumulative <c>grpc_server_handling_seconds</c> histogram (etcd runs with <c>--metrics extensive</c>):
/// the difference between now and the oldest reading inside the window, as PromQL's
/// <c>histogram_quantile(0.99, rate(...[window]))</c> would.
/// </summary>
public sealed class HighRequestLatencyInvariant : IInvariant
{
    private readonly Dictionary<string, Queue<(DateTimeOffset At, HistogramSnapshot Histogram)>> _history = new(StringComparer.Ordinal);

    public string Name => "high_request_latency";

    public string Description => "each member's p99 request latency over the window stays under the threshold";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.FromSeconds(10), Severity.Warning, new Dictionary<string, double>
    {
        ["threshold_ms"] = 250,
        ["window_seconds"] = 30,
        ["min_requests"] = 20,
    });

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var threshold = settings.Parameter("threshold_ms", 250) / 1000.0;
        var window = TimeSpan.FromSeconds(settings.Parameter("window_seconds", 30));
        var minRequests = settings.Parameter("min_requests", 20);
        var findings = new List<Finding>();
        var evaluated = false;

        foreach (var n in observation.Nodes)
        {
            if (!n.IsUp || !n.Histograms.TryGetValue(EtcdReadings.RequestDuration, out var now))
            {
                continue;
            }

            if (!_history.TryGetValue(n.Name, out var queue))
            {
                queue = new Queue<(DateTimeOffset, HistogramSnapshot)>();
                _history[n.Name] = queue;
            }

            while (queue.Count > 0 && observation.At - queue.Peek().At > window)
            {
                queue.Dequeue();
            }

            var earlier = queue.Count > 0 ? queue.Peek().Histogram : null;
            queue.Enqueue((observation.At, now));
            if (earlier is null)
            {
                continue;
            }

            // Too few requests in the window counts as healthy: a p99 of a handful of samples means nothing.
            evaluated = true;
            var requests = now.CountSince(earlier);
            if (requests < minRequests || now.QuantileSince(earlier, 0.99) is not { } p99 || p99 < threshold)
            {
                continue;
            }

            var snapshot = Snapshots.Node(observation, n);
            snapshot["p99Ms"] = Math.Round(p99 * 1000, 1);
            snapshot["requestsInWindow"] = requests;
            snapshot["windowSeconds"] = window.TotalSeconds;
            findings.Add(new Finding(
                n.Name,
                n.Name,
                $"{n.Name} p99 request latency {Ms(p99)} over the last {window.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s exceeds {Ms(threshold)} ({requests.ToString("0", CultureInfo.InvariantCulture)} requests)",
                snapshot));
        }

        return evaluated ? findings : null;
    }

    private static string Ms(double seconds) => $"{(seconds * 1000).ToString("0.#", CultureInfo.InvariantCulture)} ms";
}
