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
    TimeSpan Elapsed)
{
    /// <summary>
    /// When the cycle's evidence was in hand: the end of the observation. Tickets are stamped with it, so a fault
    /// that happened while the probes were in flight is never recorded as seen before it happened.
    /// </summary>
    public DateTimeOffset SeenAt => Observation.At + Observation.Duration;
}
