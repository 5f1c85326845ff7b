using Operator.Core.Diagnosis;

namespace Operator.Core.Diagnosis.Rules;

/// <summary>How well one hypothesis fits: a 0–1 score, the facts for it and the facts against it.</summary>
public sealed record HypothesisScore(double Score, IReadOnlyList<Evidence> Supporting, IReadOnlyList<string> Contradicting);
