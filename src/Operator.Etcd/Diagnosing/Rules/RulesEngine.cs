using System.Globalization;
using Operator.Core.Diagnosis;
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
    public const double Threshold = 0.3;

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

        // Stable: equal scores keep the knowledge base's order.
        var ranked = _hypotheses
            .Select((h, i) => (Hypothesis: h, Score: h.Evaluate(evidence), Index: i))
            .OrderByDescending(x => x.Score.Score)
            .ThenBy(x => x.Index)
            .ToList();

        var best = ranked[0];
        var known = best.Score.Score >= Threshold;
        var second = ranked.Count > 1 ? ranked[1].Score.Score : 0;
        var confidence = known ? Confidence(best.Score.Score, second) : Math.Round(Math.Min(best.Score.Score, 0.2), 2);
        var ticket = context.Ticket;

        string cause, primary;
        IReadOnlyList<Evidence> supporting;
        Remedy remedy;
        List<Alternative> alternatives;
        if (known)
        {
            cause = best.Hypothesis.Cause;
            supporting = [.. best.Score.Supporting, .. History(context, cause)];
            primary = Prose(best.Hypothesis.Title(evidence), supporting);
            remedy = best.Hypothesis.Remedy(evidence);
            alternatives = ranked.Skip(1).Select(x => Alternative(evidence, x.Hypothesis, x.Score, best.Score.Score)).ToList();
        }
        else
        {
            cause = EtcdCauses.Unknown;
            supporting = [new Evidence("ticket", ticket.Message, ticket.FirstSeenAt)];
            primary = $"No known etcd failure fits the evidence for \"{ticket.Message}\"; the best guess, {best.Hypothesis.Cause}, scored only {Score(best.Score.Score)}.";
            remedy = new Remedy(
                "Look at the member's log tail and the cluster status by hand; re-diagnose once more evidence is available.",
                ["./operator cluster status", $"./operator diagnose {ticket.Id.ToString(CultureInfo.InvariantCulture)}"],
                ["acting on a guess may make things worse; nothing here points at one cause"]);
            alternatives = ranked.Select(x => Alternative(evidence, x.Hypothesis, x.Score, best.Score.Score)).ToList();
        }

        var diagnosis = new Diagnosis(
            cause,
            cause is EtcdCauses.QuorumLost or EtcdCauses.DiskFull or EtcdCauses.LeaderFlapping or EtcdCauses.Overload ? ticket.Node : ticket.Node ?? SingleBroken(evidence),
            primary,
            Diagnosis.ConfidenceWords(confidence),
            confidence,
            supporting,
            alternatives,
            remedy.Action,
            remedy.Commands,
            remedy.Risks,
            ticket.Severity.ToWire(),
            Timeline(context, supporting),
            Affected(evidence),
            Readings(evidence),
            Name,
            null,
            Math.Round(_time.GetElapsedTime(started).TotalMilliseconds, 3),
            _time.GetUtcNow());
        return Task.FromResult(diagnosis);
    }

    // A close runner-up lowers confidence: the evidence does not separate the two well.
    private static double Confidence(double best, double second)
    {
        var margin = best - second;
        var factor = margin >= 0.3 ? 1.0 : 0.75 + (margin / 0.3 * 0.25);
        return Math.Round(Math.Clamp(best * factor, 0, 1), 2);
    }

    private static string Prose(string title, IReadOnlyList<Evidence> supporting)
    {
        var facts = supporting.Where(s => s.Source != "history").Select(s => s.Detail).ToList();
        return facts.Count == 0 ? $"{title}." : $"{title}: {string.Join("; ", facts)}.";
    }

    private static string Score(double score) => score.ToString("0.00", CultureInfo.InvariantCulture);

    private static Alternative Alternative(EtcdEvidence evidence, IEtcdHypothesis hypothesis, HypothesisScore score, double best)
    {
        var why = (score.Supporting.Count, score.Contradicting.Count) switch
        {
            (0, 0) => "no evidence for it",
            (0, _) => $"no evidence for it; {score.Contradicting[0]}",
            (_, 0) => $"the evidence for it is weak ({score.Supporting[0].Detail})",
            _ => score.Contradicting[0],
        };
        var conclusion = score.Score < Threshold
            ? $"ruled out: {why} (score {Score(score.Score)})"
            : $"possible but less likely: score {Score(score.Score)} against {Score(best)}";
        return new Alternative(
            $"{hypothesis.Cause}: {hypothesis.Title(evidence)}",
            score.Supporting.Select(s => s.Detail).ToList(),
            score.Contradicting,
            conclusion);
    }

    // Past tickets diagnosed the same way: context for the reader, not a reason to believe (they do not change the score).
    private static IEnumerable<Evidence> History(DiagnosisContext context, string cause) =>
        context.SimilarTickets
            .Select(t => (Ticket: t, Diagnosis: DiagnosisJson.TryDeserialize(t.Diagnosis)))
            .Where(x => x.Diagnosis?.Cause == cause)
            .Select(x => new Evidence(
                "history",
                $"ticket {x.Ticket.Id.ToString(CultureInfo.InvariantCulture)} ({x.Ticket.Key}, {EtcdEvidence.Clock(x.Ticket.FirstSeenAt)} {x.Ticket.FirstSeenAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}) was also diagnosed {cause}",
                x.Ticket.FirstSeenAt));

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
        ];
        var readings = new List<MetricReading>();
        var nodes = evidence.Context.Now.Nodes.OrderBy(n => n.Name == evidence.Node ? 0 : 1).ThenBy(n => n.Name, StringComparer.Ordinal);
        foreach (var n in nodes.Where(n => n.IsUp))
        {
            foreach (var name in names)
            {
                if (n.Metric(name) is { } v)
                {
                    readings.Add(new MetricReading(n.Name, name, v, name.EndsWith("_bytes", StringComparison.Ordinal) ? "bytes" : null));
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
