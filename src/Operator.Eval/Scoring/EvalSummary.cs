namespace Operator.Eval.Scoring;

/// <summary>
/// A run's scores: one summary per fault (in the order the faults first appear), the overall one, the confusion matrix,
/// and every trial's score (for charts of the distributions).
/// </summary>
public sealed record EvalSummary(IReadOnlyList<FaultSummary> Faults, FaultSummary Overall, ConfusionMatrix Confusion, IReadOnlyList<TrialScore> Scores)
{
    /// <summary>Scores every record and summarises them.</summary>
    public static EvalSummary Of(IEnumerable<TrialRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var scores = records.Select(TrialScore.Of).ToList();
        var faults = scores
            .GroupBy(s => s.Fault, StringComparer.Ordinal)
            .Select(g => FaultSummary.Of(g.Key, g))
            .ToList();
        return new EvalSummary(
            faults,
            FaultSummary.Of(FaultSummary.Overall, scores),
            ConfusionMatrix.Of(scores.Where(s => !s.Record.Contaminated)),
            scores);
    }
}
