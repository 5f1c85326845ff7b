using System.Globalization;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.Etcd.Invariants;

/// <summary>
/// Each answering member's peer port answers the monitor's <c>GET /raft/probing</c> within a threshold. A member
/// slow on its client port as well is a busy process (or a busy monitor), not a slow path, and does not count.
/// </summary>
public sealed class PeerLatencyHighInvariant : IInvariant
{
    public string Name => "peer_latency_high";

    public string Description => "each member's peer round trip (GET /raft/probing) stays under max_round_trip_ms while its client port answers promptly";

    // No grace: the subject already confirms a slow answer with a second probe in the same cycle and reports the faster
    // one, so one stalled sample on a busy machine opens nothing.
    public InvariantSettings Defaults { get; } = new(true, TimeSpan.Zero, Severity.Warning, new Dictionary<string, double>
    {
        ["max_round_trip_ms"] = 100,
    });

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var threshold = settings.Parameter("max_round_trip_ms", 100) / 1000.0;
        var measured = observation.Nodes
            .Where(n => n.IsUp && n.Metric(EtcdReadings.PeerRoundTripSeconds) is not null)
            .Select(n => (Node: n, RoundTrip: n.Metric(EtcdReadings.PeerRoundTripSeconds)!.Value))
            .ToList();
        if (measured.Count == 0)
        {
            return null; // no peer port was probed (https, probes off or unavailable): no data is not health
        }

        var findings = new List<Finding>();
        foreach (var (n, roundTrip) in measured)
        {
            var client = n.ProbeLatency.TotalSeconds;
            if (roundTrip < threshold || roundTrip - client < threshold / 2)
            {
                continue;
            }

            var timedOut = EtcdPeerErrors.IsTimeout(n.Fact(EtcdReadings.PeerError));
            var others = measured.Where(m => m.Node.Name != n.Name).ToList();
            var othersText = others.Count == 0
                ? string.Empty
                : $"; {string.Join(", ", others.Select(o => $"{o.Node.Name} {Ms(o.RoundTrip)}"))}";
            var snapshot = Snapshots.Node(observation, n);
            snapshot["peerRoundTripMs"] = Math.Round(roundTrip * 1000, 1);
            snapshot["clientRoundTripMs"] = Math.Round(client * 1000, 1);
            snapshot["thresholdMs"] = Math.Round(threshold * 1000, 1);
            snapshot["peerTimedOut"] = timedOut;
            snapshot["othersPeerRoundTripMs"] = others.ToDictionary(o => o.Node.Name, o => (object?)Math.Round(o.RoundTrip * 1000, 1));
            var what = timedOut ? $"no answer within {Ms(roundTrip)}" : Ms(roundTrip);
            findings.Add(new Finding(
                n.Name,
                n.Name,
                $"{n.Name} peer round trip {what} exceeds {Ms(threshold)} (GET {n.Fact(EtcdReadings.PeerUrl) ?? "peer URL"}/raft/probing) while its client port answers in {Ms(client)}{othersText}",
                snapshot));
        }

        return findings;
    }

    private static string Ms(double seconds) => $"{(seconds * 1000).ToString("0.#", CultureInfo.InvariantCulture)} ms";
}
