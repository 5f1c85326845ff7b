namespace Operator.Eval.Scoring;

/// <summary>
/// Everything one trial recorded, as times and labels; <see cref="TrialScore.Of"/> turns it into a score. Times are
/// null when the step never happened (no ticket, no diagnosis, no recovery within the trial's deadline).
/// </summary>
/// <param name="Truth">What was injected.</param>
/// <param name="Trial">The trial's number within its fault, from 1.</param>
/// <param name="InjectedAt">When the fault acted.</param>
/// <param name="FirstTicket">The first ticket opened after the injection, or null.</param>
/// <param name="Diagnosis">The first ticket's diagnosis, or null.</param>
/// <param name="RecoveredAt">When, after the revert, the cluster was healthy and every trial ticket resolved.</param>
/// <param name="TicketsOpened">Tickets opened between the injection and the end of the trial, the first included.</param>
/// <param name="Contaminated">The cluster was not healthy after the revert: the trial is kept but not scored.</param>
public sealed record TrialRecord(
    GroundTruth Truth,
    int Trial,
    DateTimeOffset InjectedAt,
    TrialTicket? FirstTicket,
    TrialDiagnosis? Diagnosis,
    DateTimeOffset? RecoveredAt,
    int TicketsOpened,
    bool Contaminated);

/// <summary>The first ticket of a trial: which invariant, which node, when.</summary>
public sealed record TrialTicket(long Id, string Invariant, string? Node, DateTimeOffset OpenedAt);

/// <summary>The diagnosis of a trial's first ticket: the structured cause and node, the confidence, when it was stored.</summary>
public sealed record TrialDiagnosis(string Cause, string? Node, double Confidence, DateTimeOffset At);
