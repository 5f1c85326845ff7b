using System.Globalization;

namespace Operator.Core.Diagnosis.Rules;

/// <summary>
/// The subject-neutral half of a rules engine: scores every hypothesis against the evidence, takes the best one as the
/// primary diagnosis (with confidence lowered when the runner-up is close), and explains why each other hypothesis
/// was ruled out or is less likely. A subject's engine adds its own node choice, timeline and readings.
/// </summary>
public static class HypothesisRanking
{
    /// <summary>Below this score a hypothesis is ruled out, and if the best one is below it the cause is unknown.</summary>
    public const double Threshold = 0.3;

    /// <param name="hypotheses">The knowledge base, in preference order (equal scores keep it).</param>
    /// <param name="evidence">The subject's evidence for this ticket.</param>
    /// <param name="context">The diagnosis context (ticket, similar past tickets).</param>
    /// <param name="subject">Subject name for the unknown-cause sentence (<c>etcd</c>, <c>TiKV</c>).</param>
    /// <param name="unknownCause">The subject's code for "no hypothesis fits".</param>
    /// <param name="unknownRemedy">What to do when nothing fits.</param>
    public static RulesVerdict Judge<TEvidence>(
        IReadOnlyList<IHypothesis<TEvidence>> hypotheses,
        TEvidence evidence,
        DiagnosisContext context,
        string subject,
        string unknownCause,
        Remedy unknownRemedy)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfZero(hypotheses.Count);

        var ranked = hypotheses
            .Select((h, i) => (Hypothesis: h, Score: h.Evaluate(evidence), Index: i))
            .OrderByDescending(x => x.Score.Score)
            .ThenBy(x => x.Index)
            .ToList();
        var best = ranked[0];
        var ticket = context.Ticket;
        if (best.Score.Score < Threshold)
        {
            return new RulesVerdict(
                unknownCause,
                false,
                Math.Round(Math.Min(best.Score.Score, 0.2), 2),
                $"No known {subject} failure fits the evidence for \"{ticket.Message}\"; the best guess, {best.Hypothesis.Cause}, scored only {Score(best.Score.Score)}.",
                [new Evidence("ticket", ticket.Message, ticket.FirstSeenAt)],
                unknownRemedy,
                ranked.Select(x => Alternative(evidence, x.Hypothesis, x.Score, best.Score.Score)).ToList());
        }

        var second = ranked.Count > 1 ? ranked[1].Score.Score : 0;
        var cause = best.Hypothesis.Cause;
        IReadOnlyList<Evidence> supporting = [.. best.Score.Supporting, .. History(context, cause)];
        return new RulesVerdict(
            cause,
            true,
            Confidence(best.Score.Score, second),
            Prose(best.Hypothesis.Title(evidence), supporting),
            supporting,
            best.Hypothesis.Remedy(evidence),
            ranked.Skip(1).Select(x => Alternative(evidence, x.Hypothesis, x.Score, best.Score.Score)).ToList());
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

    private static Alternative Alternative<TEvidence>(TEvidence evidence, IHypothesis<TEvidence> hypothesis, HypothesisScore score, double best)
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
                $"ticket {x.Ticket.Id.ToString(CultureInfo.InvariantCulture)} ({x.Ticket.Key}, {x.Ticket.FirstSeenAt.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {x.Ticket.FirstSeenAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}) was also diagnosed {cause}",
                x.Ticket.FirstSeenAt));
}
