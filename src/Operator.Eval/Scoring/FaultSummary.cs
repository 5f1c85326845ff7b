namespace Operator.Eval.Scoring;

/// <summary>
/// The figures of a set of trials (one fault's, or all of them): how often and how fast the fault was detected by its
/// own invariant, whether the ticket named the right node, whether the diagnosis named the injected cause, how often it
/// was confidently wrong, and how many extra tickets it caused. Contaminated trials are counted but not scored.
/// </summary>
public sealed record FaultSummary(
    string Fault,
    int Trials,
    int Contaminated,
    Rate Detected,
    Rate DetectedByOwnInvariant,
    Rate RightNode,
    Rate CauseCorrect,
    int ConfidentAndWrong,
    Distribution TimeToDetect,
    Distribution TimeToDiagnose,
    Distribution TimeToRecover,
    double? MedianConfidence,
    int ExtraTickets,
    IReadOnlyDictionary<string, int> DetectingInvariants)
{
    /// <summary>The name <see cref="EvalSummary"/> gives the summary over every fault.</summary>
    public const string Overall = "overall";

    /// <summary>Summarises <paramref name="scores"/> under the name <paramref name="fault"/>.</summary>
    public static FaultSummary Of(string fault, IEnumerable<TrialScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var all = scores.ToList();
        var scored = all.Where(s => !s.Record.Contaminated).ToList();
        var n = scored.Count;
        var confidences = scored.Select(s => s.Record.Diagnosis?.Confidence).OfType<double>().Order().ToArray();
        return new FaultSummary(
            fault,
            all.Count,
            all.Count - n,
            Rate.Of(scored.Count(s => s.Detected), n),
            Rate.Of(scored.Count(s => s.DetectedByOwnInvariant), n),
            Rate.Of(scored.Count(s => s.RightNode), n),
            Rate.Of(scored.Count(s => s.CauseCorrect), n),
            scored.Count(s => s.ConfidentAndWrong),
            Distribution.Of(scored.Select(s => s.TimeToDetect)),
            Distribution.Of(scored.Select(s => s.TimeToDiagnose)),
            Distribution.Of(scored.Select(s => s.TimeToRecover)),
            confidences.Length == 0 ? null : Median(confidences),
            scored.Sum(s => s.ExtraTickets),
            scored.Where(s => s.Record.FirstTicket is not null)
                .GroupBy(s => s.Record.FirstTicket!.Invariant, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));
    }

    private static double Median(double[] sorted) =>
        sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
