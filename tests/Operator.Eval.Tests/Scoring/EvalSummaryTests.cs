using Operator.Eval.Scoring;

namespace Operator.Eval.Tests.Scoring;

public sealed class EvalSummaryTests
{
    // kill-follower: 4 trials, all detected by member_down; 3 right causes; one diagnosed process_hung at 0.85
    // (confident and wrong); one extra ticket. pause: 3 trials, one detected late by quorum_lost on the wrong node
    // and diagnosed wrong at 0.5, one never diagnosed, one contaminated.
    private static readonly TrialRecord[] Run =
    [
        Trials.Record(Trials.KillFollower, 1, detectMs: 30, diagnoseMs: 100, confidence: 0.9, recoverMs: 2000),
        Trials.Record(Trials.KillFollower, 2, detectMs: 50, diagnoseMs: 300, confidence: 0.7, recoverMs: 4000, tickets: 2),
        Trials.Record(Trials.KillFollower, 3, detectMs: 40, diagnoseMs: 200, cause: "process_hung", confidence: 0.85, recoverMs: 3000),
        Trials.Record(Trials.KillFollower, 4, detectMs: 60, diagnoseMs: 400, confidence: 0.9, recoverMs: 5000),
        Trials.Record(Trials.Pause, 1, detectMs: 900, diagnoseMs: 250, confidence: 0.6),
        Trials.Record(Trials.Pause, 2, detectMs: 2500, invariant: "quorum_lost", node: null, cause: "quorum_lost", confidence: 0.5),
        Trials.Record(Trials.Pause, 3, detectMs: 1200, diagnoseMs: null),
        Trials.Record(Trials.Pause, 4, detectMs: 100, contaminated: true),
    ];

    [Fact]
    public void Per_fault_rates_times_and_counts()
    {
        var summary = EvalSummary.Of(Run);

        Assert.Equal(["kill-follower", "pause"], summary.Faults.Select(f => f.Fault));
        var kill = summary.Faults[0];
        Assert.Equal(4, kill.Trials);
        Assert.Equal(0, kill.Contaminated);
        Assert.Equal(Rate.Of(4, 4), kill.DetectedByOwnInvariant);
        Assert.Equal(Rate.Of(3, 4), kill.CauseCorrect);
        Assert.Equal(1, kill.ConfidentAndWrong);
        Assert.Equal(TimeSpan.FromMilliseconds(45), kill.TimeToDetect.Median);
        Assert.Equal(TimeSpan.FromMilliseconds(57), kill.TimeToDetect.P90); // position 2.7 between 50 and 60
        Assert.Equal(TimeSpan.FromMilliseconds(250), kill.TimeToDiagnose.Median);
        Assert.Equal(TimeSpan.FromMilliseconds(3500), kill.TimeToRecover.Median);
        Assert.Equal(0.875, kill.MedianConfidence);
        Assert.Equal(1, kill.ExtraTickets);
        Assert.Equal(new Dictionary<string, int> { ["member_down"] = 4 }, kill.DetectingInvariants);

        var pause = summary.Faults[1];
        Assert.Equal(4, pause.Trials);
        Assert.Equal(1, pause.Contaminated);
        Assert.Equal(Rate.Of(3, 3), pause.Detected);
        Assert.Equal(Rate.Of(2, 3), pause.DetectedByOwnInvariant);
        Assert.Equal(Rate.Of(2, 3), pause.RightNode);
        Assert.Equal(Rate.Of(1, 3), pause.CauseCorrect);
        Assert.Equal(0, pause.ConfidentAndWrong);
        Assert.Equal(TimeSpan.FromMilliseconds(1200), pause.TimeToDetect.Median);
        Assert.Equal(2, pause.TimeToDiagnose.Count);
        Assert.Equal(new Dictionary<string, int> { ["member_down"] = 2, ["quorum_lost"] = 1 }, pause.DetectingInvariants);
    }

    [Fact]
    public void Overall_pools_every_scored_trial()
    {
        var overall = EvalSummary.Of(Run).Overall;

        Assert.Equal(FaultSummary.Overall, overall.Fault);
        Assert.Equal(8, overall.Trials);
        Assert.Equal(1, overall.Contaminated);
        Assert.Equal(Rate.Of(4, 7), overall.CauseCorrect);
        Assert.Equal(0.2505, overall.CauseCorrect.Low, 4);
        Assert.Equal(0.8418, overall.CauseCorrect.High, 4);
        Assert.Equal(1, overall.ConfidentAndWrong);
        Assert.Equal(TimeSpan.FromMilliseconds(60), overall.TimeToDetect.Median);
    }

    [Fact]
    public void Confusion_matrix_puts_injected_causes_on_the_diagonal_then_other_causes_then_none()
    {
        var m = EvalSummary.Of(Run).Confusion;

        Assert.Equal(["process_crashed", "process_hung"], m.Injected);
        Assert.Equal(["process_crashed", "process_hung", "quorum_lost", ConfusionMatrix.None], m.Diagnosed);
        Assert.Equal(3, m["process_crashed", "process_crashed"]);
        Assert.Equal(1, m["process_crashed", "process_hung"]);
        Assert.Equal(1, m["process_hung", "process_hung"]);
        Assert.Equal(1, m["process_hung", "quorum_lost"]);
        Assert.Equal(1, m["process_hung", ConfusionMatrix.None]);
        Assert.Equal(0, m["process_hung", "process_crashed"]); // the contaminated trial is not in the matrix
    }
}
