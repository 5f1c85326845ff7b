namespace Operator.Core.Diagnosis.Rules;

/// <summary>What the rules concluded before a subject dresses it up as a <see cref="Diagnosis"/>.</summary>
/// <param name="Cause">The winning hypothesis's cause, or the subject's unknown cause.</param>
/// <param name="Known">False when no hypothesis reached <see cref="HypothesisRanking.Threshold"/>.</param>
/// <param name="Confidence">0–1, lowered when the runner-up is close.</param>
/// <param name="Primary">One or two sentences citing the supporting values.</param>
/// <param name="Supporting">The winner's evidence plus past tickets diagnosed the same way.</param>
/// <param name="Remedy">What to do.</param>
/// <param name="Alternatives">Every other hypothesis, with what speaks for and against it.</param>
public sealed record RulesVerdict(
    string Cause,
    bool Known,
    double Confidence,
    string Primary,
    IReadOnlyList<Evidence> Supporting,
    Remedy Remedy,
    IReadOnlyList<Alternative> Alternatives)
{
    /// <summary>
    /// The verdict as a stored <see cref="Diagnosis"/>, with what only the subject knows: the node it names, the
    /// ticket's severity, the timeline, the affected components and the readings cited.
    /// </summary>
    public Diagnosis ToDiagnosis(
        string? node,
        string severity,
        IReadOnlyList<TimelineEntry> timeline,
        IReadOnlyList<string> affected,
        IReadOnlyList<MetricReading> readings,
        string engine,
        double latencyMs,
        DateTimeOffset at) =>
        new(
            Cause,
            node,
            Primary,
            Diagnosis.ConfidenceWords(Confidence),
            Confidence,
            Supporting,
            Alternatives,
            Remedy.Action,
            Remedy.Commands,
            Remedy.Risks,
            severity,
            timeline,
            affected,
            readings,
            engine,
            null,
            latencyMs,
            at);
}
