using System.Globalization;
using System.Text.Json;
using Operator.Core.Diagnosis;
using Operator.Core.Diagnosis.Rules;
using Operator.Core.Observing;

namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>
/// A <see cref="DiagnosisContext"/> digested once for all hypotheses: the affected node's probe error and process,
/// its state at violation time (from the ticket snapshot), log lines by message, quorum arithmetic and latency quantiles.
/// </summary>
public sealed class EtcdEvidence
{
    public EtcdEvidence(DiagnosisContext context)
    {
        Context = context ?? throw new ArgumentNullException(nameof(context));
        Node = context.Ticket.Node;
        Observed = Node is null ? null : context.Now.Node(Node);
        ReadSnapshot(context.Ticket.Snapshot);
        Error = Observed is { IsUp: false, Error: { } e } ? e : SnapshotError;
        Total = Math.Max(
            context.Now.Fact(EtcdReadings.MemberCount) is { } c && int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0,
            context.Now.Nodes.Count);
        Up = context.Now.Nodes.Where(x => x.IsUp).Select(x => x.Name).ToList();

        // The fresh probe wins when it saw something; a fault that healed meanwhile still shows in the snapshot.
        var observedError = Observed?.Fact(EtcdReadings.PeerError);
        PeerError = observedError ?? SnapshotPeerError;
        var observedRoundTrip = Observed?.Metric(EtcdReadings.PeerRoundTripSeconds);
        PeerRoundTrip = (observedRoundTrip, SnapshotPeerRoundTrip) switch
        {
            ({ } now, { } then) => Math.Max(now, then),
            (var now, var then) => now ?? then,
        };
        PeerUrl = Observed?.Fact(EtcdReadings.PeerUrl) ?? SnapshotPeerUrl;
    }

    /// <summary>A peer round trip at or above this is slow: ten heartbeats' worth of the 100 ms heartbeat interval is far too much.</summary>
    public const double SlowPeerRoundTripSeconds = 0.1;

    public DiagnosisContext Context { get; }

    /// <summary>The ticket's node, or null for a cluster-wide ticket.</summary>
    public string? Node { get; }

    /// <summary>The ticket's node in the fresh observation.</summary>
    public NodeObservation? Observed { get; }

    /// <summary>The node's probe failure: now if it still fails, else as recorded at violation time.</summary>
    public string? Error { get; }

    public string? SnapshotError { get; private set; }

    public string? SnapshotState { get; private set; }

    public string? SnapshotProcess { get; private set; }

    /// <summary>Leader changes recorded in the ticket snapshot (leader_flapping tickets carry them).</summary>
    public int SnapshotLeaderChanges { get; private set; }

    /// <summary>The node's <see cref="EtcdReadings.PeerError"/>: now if the fresh probe failed, else as recorded at violation time.</summary>
    public string? PeerError { get; }

    /// <summary>The node's peer round trip in seconds, the worse of now and violation time (a lower bound after a timeout).</summary>
    public double? PeerRoundTrip { get; }

    public string? PeerUrl { get; }

    public string? SnapshotPeerError { get; private set; }

    public double? SnapshotPeerRoundTrip { get; private set; }

    public string? SnapshotPeerUrl { get; private set; }

    /// <summary>The node's client-port status round trip at violation time, in seconds.</summary>
    public double? SnapshotClientRoundTrip { get; private set; }

    /// <summary>The node's peer port refuses, resets or closes the monitor's probe (not a timeout).</summary>
    public bool PeerCut => EtcdPeerErrors.IsCut(PeerError);

    /// <summary>The node's peer probe timed out.</summary>
    public bool PeerTimedOut => EtcdPeerErrors.IsTimeout(PeerError);

    /// <summary>The node's peer round trip is at or above <see cref="SlowPeerRoundTripSeconds"/>.</summary>
    public bool PeerSlow => PeerRoundTrip >= SlowPeerRoundTripSeconds;

    /// <summary>The node's client-port round trip: now when it answers, else at violation time.</summary>
    public double? ClientRoundTrip => AnswersNow ? Observed!.ProbeLatency.TotalSeconds : SnapshotClientRoundTrip;

    /// <summary>The node's client port answers now or answered at violation time.</summary>
    public bool ClientAnswers => AnswersNow || SnapshotState == "up";

    /// <summary>The other up members whose peer ports answered the fresh probe, with their round trips.</summary>
    public IReadOnlyList<(string Node, double Seconds)> OthersPeerRoundTrips =>
        Context.Now.Nodes
            .Where(n => n.IsUp && n.Name != Node && n.Fact(EtcdReadings.PeerError) is null && n.Metric(EtcdReadings.PeerRoundTripSeconds) is not null)
            .Select(n => (n.Name, n.Metric(EtcdReadings.PeerRoundTripSeconds)!.Value))
            .ToList();

    /// <summary>"n1 1.1 ms and n3 0.9 ms".</summary>
    public static string RoundTrips(IEnumerable<(string Node, double Seconds)> roundTrips)
    {
        var list = roundTrips.OrderBy(r => r.Node, StringComparer.Ordinal).Select(r => $"{r.Node} {Ms(r.Seconds)}").ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list.Take(list.Count - 1))} and {list[^1]}";
    }

    /// <summary>How the node's leader view differs from the leader the others agree on, or null when it does not.</summary>
    public string? LeaderViewDiffers()
    {
        if (Observed is not { IsUp: true } node || Context.Now.Fact(EtcdReadings.Leader) is not { } leader || leader == node.Name && node.IsLeader)
        {
            return null;
        }

        var own = node.Fact(EtcdReadings.LeaderId);
        if (own is null)
        {
            return $"{node.Name} knows no leader while the others follow {leader}";
        }

        var followed = Context.Now.Nodes.FirstOrDefault(n => n.Fact(EtcdReadings.MemberId) == own)?.Name;
        return followed is null || followed == leader ? null
            : followed == node.Name ? $"{node.Name} still believes it leads while the others follow {leader}"
            : $"{node.Name} follows {followed} while the others follow {leader}";
    }

    /// <summary>
    /// "n2's peer round trip is 402 ms while its client port answers in 2 ms" when the ticket's node is slow only on
    /// its peer port (the network path, not the process, disk or load), else null.
    /// </summary>
    public string? SlowPeerPathOnly() =>
        PeerSlow && ClientAnswers && ClientRoundTrip is { } client && client < SlowPeerRoundTripSeconds / 2
            ? $"{Node}'s peer round trip is {Ms(PeerRoundTrip!.Value)} while its client port answers in {Ms(client)}"
            : null;

    /// <summary>A histogram's p99 on the ticket's node (cumulative since its process started).</summary>
    public double? NodeP99(string histogram) =>
        Observed is { IsUp: true } n && n.Histograms.TryGetValue(histogram, out var h) ? h.QuantileSince(null, 0.99) : null;

    public int Total { get; }

    public IReadOnlyList<string> Up { get; }

    public int Majority => (Total / 2) + 1;

    public ProcessState Process => Context.Process;

    public int? Pid => Context.Pid;

    /// <summary>"pid 4121" or "its process" when no pid is known.</summary>
    public string PidText => Pid is { } p ? $"pid {p.ToString(CultureInfo.InvariantCulture)}" : "its process";

    public bool Refused => Error?.Contains("connection refused", StringComparison.OrdinalIgnoreCase) == true;

    public bool TimedOut => Error is { } e && (e.Contains("no answer within", StringComparison.OrdinalIgnoreCase)
        || e.Contains("timed out", StringComparison.OrdinalIgnoreCase) || e.Contains("timeout", StringComparison.OrdinalIgnoreCase));

    /// <summary>The node answers its probes in the fresh observation.</summary>
    public bool AnswersNow => Observed?.IsUp == true;

    public IEnumerable<LogLine> AllLogs => Context.NodeLogs.Concat(Context.PeerLogs);

    /// <summary>Peer lines whose message contains <paramref name="message"/>.</summary>
    public IReadOnlyList<LogLine> PeerLines(string message) =>
        Context.PeerLogs.Where(l => l.Message.Contains(message, StringComparison.Ordinal)).ToList();

    /// <summary>The node's own lines whose message contains <paramref name="message"/>.</summary>
    public IReadOnlyList<LogLine> NodeLines(string message) =>
        Context.NodeLogs.Where(l => l.Message.Contains(message, StringComparison.Ordinal)).ToList();

    /// <summary>Any line (node or peers) whose message contains <paramref name="message"/>.</summary>
    public IReadOnlyList<LogLine> AnyLines(string message) =>
        AllLogs.Where(l => l.Message.Contains(message, StringComparison.Ordinal)).ToList();

    /// <summary>The error field of a line, or empty.</summary>
    public static string ErrorOf(LogLine line) => line.Fields.GetValueOrDefault("error") ?? string.Empty;

    /// <summary>"n1 and n3 logged 'msg' (error) at 10:31:07" for a set of lines with the same message.</summary>
    public static string Logged(IReadOnlyList<LogLine> lines, string message, string? error = null)
    {
        var who = Names(lines.Select(l => l.Node));
        var first = lines.Where(l => l.At is not null).Select(l => l.At!.Value).DefaultIfEmpty().Min();
        var at = lines.Any(l => l.At is not null) ? $" at {Clock(first)}" : string.Empty;
        var why = error is null ? string.Empty : $" ({error})";
        return $"{who} logged '{message}'{why}{at}";
    }

    /// <summary>The earliest time among the lines, if any has one.</summary>
    public static DateTimeOffset? First(IReadOnlyList<LogLine> lines) =>
        lines.Where(l => l.At is not null).Select(l => l.At!.Value).OrderBy(a => a).Cast<DateTimeOffset?>().FirstOrDefault();

    /// <summary>"n1", "n1 and n3", "n1, n2 and n3".</summary>
    public static string Names(IEnumerable<string> names)
    {
        var list = names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return list.Count switch
        {
            0 => "none",
            1 => list[0],
            _ => $"{string.Join(", ", list.Take(list.Count - 1))} and {list[^1]}",
        };
    }

    public static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Ms(double seconds) => $"{(seconds * 1000).ToString("0.#", CultureInfo.InvariantCulture)} ms";

    public static string MiB(double bytes) => $"{(bytes / (1024 * 1024)).ToString("0.0", CultureInfo.InvariantCulture)} MiB";

    /// <summary>The worst p99 of a histogram over the up nodes (cumulative since each process started), with the node.</summary>
    public (string Node, double Seconds)? WorstP99(string histogram)
    {
        (string, double)? worst = null;
        foreach (var n in Context.Now.Nodes.Where(n => n.IsUp))
        {
            if (n.Histograms.TryGetValue(histogram, out var h) && h.QuantileSince(null, 0.99) is { } q && (worst is null || q > worst.Value.Item2))
            {
                worst = (n.Name, q);
            }
        }

        return worst;
    }

    /// <summary>The highest value of a metric over the up nodes, with the node.</summary>
    public (string Node, double Value)? Highest(string metric)
    {
        (string, double)? best = null;
        foreach (var n in Context.Now.Nodes.Where(n => n.IsUp))
        {
            if (n.Metric(metric) is { } v && (best is null || v > best.Value.Item2))
            {
                best = (n.Name, v);
            }
        }

        return best;
    }

    /// <summary>Alarms reported by any up node, distinct, with who reported them.</summary>
    public IReadOnlyList<(string Node, string Alarm)> Alarms() =>
        Context.Now.Nodes.Where(n => n.IsUp)
            .SelectMany(n => (n.Fact(EtcdReadings.Alarms) ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(a => (n.Name, a)))
            .ToList();

    /// <summary>The members not up right now.</summary>
    public IReadOnlyList<NodeObservation> NotUp => Context.Now.Nodes.Where(n => !n.IsUp).ToList();

    private void ReadSnapshot(string snapshot)
    {
        if (string.IsNullOrWhiteSpace(snapshot))
        {
            return;
        }

        try
        {
            using var doc = JsonDocument.Parse(snapshot);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            SnapshotError = String(root, "error");
            SnapshotState = String(root, "state");
            SnapshotProcess = String(root, "process");
            if (root.TryGetProperty("probeLatencyMs", out var client) && client.ValueKind == JsonValueKind.Number)
            {
                SnapshotClientRoundTrip = client.GetDouble() / 1000;
            }

            if (root.TryGetProperty("facts", out var facts) && facts.ValueKind == JsonValueKind.Object)
            {
                SnapshotPeerError = String(facts, EtcdReadings.PeerError);
                SnapshotPeerUrl = String(facts, EtcdReadings.PeerUrl);
            }

            if (root.TryGetProperty("metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Object
                && metrics.TryGetProperty(EtcdReadings.PeerRoundTripSeconds, out var rtt) && rtt.ValueKind == JsonValueKind.Number)
            {
                SnapshotPeerRoundTrip = rtt.GetDouble();
            }

            if (root.TryGetProperty("leaderChanges", out var changes) && changes.ValueKind == JsonValueKind.Array)
            {
                SnapshotLeaderChanges = changes.GetArrayLength();
            }
        }
        catch (JsonException)
        {
            // A snapshot we cannot read is no evidence; the fresh observation still is.
        }
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
