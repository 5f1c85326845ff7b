namespace Operator.Core.Invariants;

/// <summary>The outcome of checking every invariant against one observation.</summary>
/// <param name="Violations">Findings whose grace period has passed.</param>
/// <param name="Evaluated">Names of invariants that could be evaluated this cycle (tickets of others are left alone).</param>
/// <param name="Pending">Findings still inside their grace period.</param>
/// <param name="Errors">Invariants that failed to run, as one-line messages.</param>
public sealed record EvaluationResult(
    IReadOnlyList<Violation> Violations,
    IReadOnlySet<string> Evaluated,
    int Pending,
    IReadOnlyList<string> Errors);
