using Operator.Eval.Scoring;

namespace Operator.Eval.Runs;

/// <summary>A trial as stored: the scored record, why it is contaminated (if it is), and every ticket it opened.</summary>
public sealed record StoredTrial(TrialRecord Record, string? Note, IReadOnlyList<TrialTicketRow> Tickets);
