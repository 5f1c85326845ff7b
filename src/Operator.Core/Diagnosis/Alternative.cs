namespace Operator.Core.Diagnosis;

/// <summary>A hypothesis that was considered, the evidence for and against it, and the verdict.</summary>
public sealed record Alternative(string Hypothesis, IReadOnlyList<string> Supporting, IReadOnlyList<string> Contradicting, string Conclusion);
