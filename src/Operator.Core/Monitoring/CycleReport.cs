using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Core.Tickets;

namespace Operator.Core.Monitoring;

/// <summary>What one monitor cycle saw and did.</summary>
public sealed record CycleReport(
    long Number,
    string Trigger,
    Observation Observation,
    EvaluationResult Evaluation,
    CycleOutcome? Tickets,
    string? StoreError,
    TimeSpan Elapsed);
