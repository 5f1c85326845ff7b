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
    IReadOnlyList<Alternative> Alternatives);
