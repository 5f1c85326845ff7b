namespace Operator.Eval.Runs;

/// <summary>One ticket opened during a trial, as the run store keeps it (with its diagnosis JSON, if any).</summary>
public sealed record TrialTicketRow(
    long Id,
    string Invariant,
    string Target,
    string? Node,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ResolvedAt,
    string? DiagnosisJson);
