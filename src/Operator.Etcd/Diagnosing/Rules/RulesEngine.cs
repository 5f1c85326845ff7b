using System.Globalization;
using Operator.Core.Diagnosis;
using Operator.Core.Diagnosis.Rules;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>
/// The offline, deterministic <c>rules</c> engine: scores every hypothesis of the etcd knowledge base against the
/// evidence in the context, makes the best one the primary diagnosis and lists the others with what contradicts them.
/// </summary>
public sealed class RulesEngine : IDiagnosisEngine
{
    /// <summary>Below this score a hypothesis is ruled out, and if the best one is below it the cause is unknown.</summary>
    public const double Threshold = HypothesisRanking.Threshold;

    private const int TimelineLogEntries = 8;

    private readonly IReadOnlyList<IEtcdHypothesis> _hypotheses;
    private readonly TimeProvider _time;

    public RulesEngine(TimeProvider time, IReadOnlyList<IEtcdHypothesis>? hypotheses = null)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _hypotheses = hypotheses ?? EtcdHypotheses.Create();
    }

    public string Name => "rules";

    public Task<Diagnosis> DiagnoseAsync(DiagnosisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        var started = _time.GetTimestamp();
        var evidence = new EtcdEvidence(context);
        var ticket = context.Ticket;
        var verdict = HypothesisRanking.Judge(
            _hypotheses,
            evidence,
            context,
            "etcd",
            EtcdCauses.Unknown,
            new Remedy(
                "Look at the member's log tail and the cluster status by hand; re-diagnose once more evidence is available.",
                ["./operator cluster status", $"./operator diagnose {ticket.Id.ToString(CultureInfo.InvariantCulture)}"],
                ["acting on a guess may make things worse; nothing here points at one cause"]));
        var cause = verdict.Cause;
        var diagnosis = verdict.ToDiagnosis(
            cause is EtcdCauses.QuorumLost or EtcdCauses.DiskFull or EtcdCauses.LeaderFlapping or EtcdCauses.Overload ? ticket.Node : ticket.Node ?? SingleBroken(evidence),
            ticket.Severity.ToWire(),
            Timeline(context, verdict.Supporting),
            Affected(evidence),
            Readings(evidence),
            Name,
            Math.Round(_time.GetElapsedTime(started).TotalMilliseconds, 3),
            _time.GetUtcNow());
        return Task.FromResult(diagnosis);
    }

    private static string? SingleBroken(EtcdEvidence evidence)
    {
        var broken = evidence.NotUp;
        return broken.Count == 1 ? broken[0].Name : null;
    }

    private static IReadOnlyList<TimelineEntry> Timeline(DiagnosisContext context, IReadOnlyList<Evidence> supporting)
    {
        var ticket = context.Ticket;
        var entries = new List<TimelineEntry> { new(ticket.FirstSeenAt, $"ticket opened: {ticket.Message}") };

        // The first occurrence of each notable message per node; routine info chatter left out.
        var notable = context.NodeLogs.Concat(context.PeerLogs)
            .Where(l => l.At is not null && l.Level is not ("info" or "debug") && !Routine(l.Message))
            .GroupBy(l => (l.Node, l.Message))
            .Select(g => g.OrderBy(l => l.At).First())
            .OrderBy(l => l.At)
            .Take(TimelineLogEntries)
            .Select(l => new TimelineEntry(l.At!.Value, $"{l.Node} logged '{l.Message}'{(l.Fields.TryGetValue("error", out var err) ? $" ({err})" : string.Empty)}"));
        entries.AddRange(notable);
        entries.AddRange(supporting.Where(s => s.At is not null && s.Source is not ("log" or "history")).Select(s => new TimelineEntry(s.At!.Value, s.Detail)));
        if (ticket.LastSeenAt > ticket.FirstSeenAt)
        {
            entries.Add(new TimelineEntry(ticket.LastSeenAt, $"last reported by the monitor ({ticket.Occurrences.ToString(CultureInfo.InvariantCulture)} cycles)"));
        }

        var now = context.Now;
        var states = string.Join(", ", now.Nodes.Select(n => $"{n.Name} {n.State.ToWire()}"));
        entries.Add(new TimelineEntry(now.At, $"observed for diagnosis: {states}"));
        return entries.OrderBy(e => e.At).ToList();
    }

    private static bool Routine(string message) =>
        message.StartsWith("established TCP streaming connection", StringComparison.Ordinal)
        || message.StartsWith("closed TCP streaming connection", StringComparison.Ordinal)
        || message.StartsWith("simple token is not cryptographically signed", StringComparison.Ordinal)
        || message.StartsWith("failed to apply request", StringComparison.Ordinal);

    private static IReadOnlyList<string> Affected(EtcdEvidence evidence)
    {
        var affected = new List<string>();
        if (evidence.Node is { } node)
        {
            affected.Add(node);
        }

        affected.AddRange(evidence.NotUp.Select(n => n.Name).Where(n => !affected.Contains(n)));
        if (evidence.Node is null || evidence.Up.Count < evidence.Majority)
        {
            affected.Add("cluster");
        }

        return affected;
    }

    private static IReadOnlyList<MetricReading> Readings(EtcdEvidence evidence)
    {
        string[] names =
        [
            EtcdReadings.HasLeader, EtcdReadings.ActivePeers, EtcdReadings.PeerSentFailures, EtcdReadings.LeaderChangesSeen,
            EtcdReadings.ProposalsPending, EtcdReadings.DbSizeBytes, EtcdReadings.QuotaBytes, EtcdReadings.RaftTerm,
            EtcdReadings.PeerRoundTripSeconds,
        ];
        var readings = new List<MetricReading>();
        var nodes = evidence.Context.Now.Nodes.OrderBy(n => n.Name == evidence.Node ? 0 : 1).ThenBy(n => n.Name, StringComparer.Ordinal);
        foreach (var n in nodes.Where(n => n.IsUp))
        {
            foreach (var name in names)
            {
                if (n.Metric(name) is { } v)
                {
                    readings.Add(new MetricReading(n.Name, name, v, name.EndsWith("_bytes", StringComparison.Ordinal) ? "bytes" : name.EndsWith("_seconds", StringComparison.Ordinal) ? "seconds" : null));
                }
            }

            foreach (var (histogram, label) in new[] { (EtcdReadings.WalFsyncDuration, "wal_fsync_p99"), (EtcdReadings.BackendCommitDuration, "backend_commit_p99"), (EtcdReadings.RequestDuration, "request_p99") })
            {
                if (n.Histograms.TryGetValue(histogram, out var h) && h.QuantileSince(null, 0.99) is { } q)
                {
                    readings.Add(new MetricReading(n.Name, label, Math.Round(q, 6), "seconds"));
                }
            }
        }

        return readings;
    }
}
