using Operator.Eval.Scoring;

namespace Operator.Eval.Tests.Scoring;

/// <summary>Fixed trial data: a fault hits n2 at T0; times are offsets in milliseconds.</summary>
internal static class Trials
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    public static readonly GroundTruth KillFollower = new("kill-follower", "n2", "process_crashed", "member_down");

    public static readonly GroundTruth Pause = new("pause", "n2", "process_hung", "member_down");

    public static TrialRecord Record(
        GroundTruth truth,
        int trial = 1,
        double? detectMs = 40,
        string? invariant = null,
        string? node = "n2",
        double? diagnoseMs = 200,
        string? cause = null,
        double confidence = 0.9,
        double? recoverMs = 3000,
        int tickets = 1,
        bool contaminated = false)
    {
        var ticket = detectMs is { } d ? new TrialTicket(trial, invariant ?? truth.Invariant, node, T0.AddMilliseconds(d)) : null;
        var diagnosis = ticket is not null && diagnoseMs is { } g ? new TrialDiagnosis(cause ?? truth.Cause, node, confidence, ticket.OpenedAt.AddMilliseconds(g)) : null;
        return new TrialRecord(truth, trial, T0, ticket, diagnosis, recoverMs is { } r ? T0.AddMilliseconds(r) : null, ticket is null ? 0 : tickets, contaminated);
    }
}
