namespace Operator.Core.Diagnosis.Rules;

/// <summary>The recommended action for a hypothesis: prose, copy-paste commands, and the risks.</summary>
public sealed record Remedy(string Action, IReadOnlyList<string> Commands, IReadOnlyList<string> Risks);
