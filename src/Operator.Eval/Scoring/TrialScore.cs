namespace Operator.Eval.Scoring;

/// <summary>One trial scored against its ground truth.</summary>
/// <param name="Record">The trial as recorded.</param>
/// <param name="TimeToDetect">Injection → first ticket.</param>
/// <param name="TimeToDiagnose">First ticket → its diagnosis.</param>
/// <param name="TimeToRecover">Injection → healthy again with every trial ticket resolved.</param>
/// <param name="Detected">A ticket opened at all.</param>
/// <param name="DetectedByOwnInvariant">The first ticket came from the fault's own invariant.</param>
/// <param name="RightNode">The first ticket names the node the fault hit (a cluster-wide fault: names none).</param>
/// <param name="CauseCorrect">The diagnosis's structured cause is the injected cause.</param>
/// <param name="ConfidentAndWrong">The diagnosis was wrong with a confidence of at least <see cref="ConfidentThreshold"/>.</param>
/// <param name="ExtraTickets">Tickets opened besides the first.</param>
public sealed record TrialScore(
    TrialRecord Record,
    TimeSpan? TimeToDetect,
    TimeSpan? TimeToDiagnose,
    TimeSpan? TimeToRecover,
    bool Detected,
    bool DetectedByOwnInvariant,
    bool RightNode,
    bool CauseCorrect,
    bool ConfidentAndWrong,
    int ExtraTickets)
{
    /// <summary>A wrong diagnosis at this confidence or above counts as "confident and wrong".</summary>
    public const double ConfidentThreshold = 0.8;

    /// <summary>The fault's name.</summary>
    public string Fault => Record.Truth.Fault;

    /// <summary>The cause the diagnosis named, or <see cref="ConfusionMatrix.None"/> without a diagnosis.</summary>
    public string DiagnosedCause => Record.Diagnosis?.Cause ?? ConfusionMatrix.None;

    /// <summary>Scores <paramref name="record"/>.</summary>
    public static TrialScore Of(TrialRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var truth = record.Truth;
        var ticket = record.FirstTicket;
        var diagnosis = record.Diagnosis;
        var causeCorrect = diagnosis is not null && string.Equals(diagnosis.Cause, truth.Cause, StringComparison.Ordinal);
        return new TrialScore(
            record,
            ticket is null ? null : NonNegative(ticket.OpenedAt - record.InjectedAt),
            ticket is null || diagnosis is null ? null : NonNegative(diagnosis.At - ticket.OpenedAt),
            record.RecoveredAt is { } recovered ? NonNegative(recovered - record.InjectedAt) : null,
            ticket is not null,
            ticket is not null && string.Equals(ticket.Invariant, truth.Invariant, StringComparison.Ordinal),
            ticket is not null && string.Equals(ticket.Node, truth.Node, StringComparison.Ordinal),
            causeCorrect,
            diagnosis is not null && !causeCorrect && diagnosis.Confidence >= ConfidentThreshold,
            Math.Max(0, record.TicketsOpened - (ticket is null ? 0 : 1)));
    }

    private static TimeSpan NonNegative(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
