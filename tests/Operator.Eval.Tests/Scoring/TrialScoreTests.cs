using Operator.Eval.Scoring;

namespace Operator.Eval.Tests.Scoring;

public sealed class TrialScoreTests
{
    [Fact]
    public void A_right_trial_has_its_times_own_invariant_right_node_and_right_cause()
    {
        var s = TrialScore.Of(Trials.Record(Trials.KillFollower, detectMs: 40, diagnoseMs: 200, recoverMs: 3000, tickets: 3));

        Assert.Equal(TimeSpan.FromMilliseconds(40), s.TimeToDetect);
        Assert.Equal(TimeSpan.FromMilliseconds(200), s.TimeToDiagnose);
        Assert.Equal(TimeSpan.FromMilliseconds(3000), s.TimeToRecover);
        Assert.True(s.Detected);
        Assert.True(s.DetectedByOwnInvariant);
        Assert.True(s.RightNode);
        Assert.True(s.CauseCorrect);
        Assert.False(s.ConfidentAndWrong);
        Assert.Equal(2, s.ExtraTickets);
        Assert.Equal("process_crashed", s.DiagnosedCause);
    }

    [Theory]
    [InlineData(0.8, true)]
    [InlineData(0.95, true)]
    [InlineData(0.79, false)]
    public void A_wrong_cause_is_confident_and_wrong_from_0_8(double confidence, bool confidentAndWrong)
    {
        var s = TrialScore.Of(Trials.Record(Trials.Pause, cause: "process_crashed", confidence: confidence));

        Assert.False(s.CauseCorrect);
        Assert.Equal(confidentAndWrong, s.ConfidentAndWrong);
    }

    [Fact]
    public void Another_invariant_first_or_another_node_is_not_counted_as_right()
    {
        var s = TrialScore.Of(Trials.Record(Trials.KillFollower, invariant: "quorum_lost", node: "n3"));

        Assert.True(s.Detected);
        Assert.False(s.DetectedByOwnInvariant);
        Assert.False(s.RightNode);
    }

    [Fact]
    public void An_undetected_trial_has_no_times_no_diagnosis_and_cannot_be_confidently_wrong()
    {
        var s = TrialScore.Of(Trials.Record(Trials.Pause, detectMs: null, recoverMs: null));

        Assert.False(s.Detected);
        Assert.Null(s.TimeToDetect);
        Assert.Null(s.TimeToDiagnose);
        Assert.Null(s.TimeToRecover);
        Assert.False(s.CauseCorrect);
        Assert.False(s.ConfidentAndWrong);
        Assert.Equal(ConfusionMatrix.None, s.DiagnosedCause);
        Assert.Equal(0, s.ExtraTickets);
    }

    [Fact]
    public void A_ticket_stamped_before_the_injection_counts_as_zero_not_negative()
    {
        var s = TrialScore.Of(Trials.Record(Trials.KillFollower, detectMs: -5));

        Assert.Equal(TimeSpan.Zero, s.TimeToDetect);
    }
}
