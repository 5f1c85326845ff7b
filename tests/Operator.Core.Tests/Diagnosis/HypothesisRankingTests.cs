using Operator.Core.Diagnosis;
using Operator.Core.Diagnosis.Rules;
using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Core.Tickets;

namespace Operator.Core.Tests.Diagnosis;

public sealed class HypothesisRankingTests
{
    private sealed class Fixed(string cause, double score, string? against = null) : IHypothesis<string>
    {
        public string Cause => cause;

        public string Title(string evidence) => $"{cause} on {evidence}";

        public HypothesisScore Evaluate(string evidence)
        {
            var sheet = new ScoreSheet();
            if (score > 0)
            {
                sheet.For(score, "probe", $"{cause} fact");
            }

            if (against is not null)
            {
                sheet.Against(0, against);
            }

            return sheet.Build();
        }

        public Remedy Remedy(string evidence) => new($"fix {cause}", [$"fix {cause}"], []);
    }

    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);

    private static DiagnosisContext Context(params Ticket[] similar)
    {
        var ticket = new Ticket(7, "x", "node_down", "n1", "n1", TicketStatus.Open, Severity.Critical, "n1 is down", T0, T0, null, 1, false, false, "{}", null, null);
        var now = new Observation(T0, "x", [], new Dictionary<string, string>(), [], TimeSpan.Zero);
        return new DiagnosisContext(ticket, now, [], [], null, ProcessState.Unknown, similar);
    }

    private static readonly Remedy Unknown = new("look by hand", [], []);

    [Fact]
    public void The_best_hypothesis_wins_and_a_close_runner_up_lowers_confidence()
    {
        var clear = HypothesisRanking.Judge([new Fixed("crash", 0.9), new Fixed("hang", 0.2)], "n1", Context(), "x", "unknown", Unknown);
        var close = HypothesisRanking.Judge([new Fixed("crash", 0.9), new Fixed("hang", 0.8)], "n1", Context(), "x", "unknown", Unknown);

        Assert.Equal("crash", clear.Cause);
        Assert.True(clear.Known);
        Assert.Equal(0.9, clear.Confidence);
        Assert.True(close.Confidence < clear.Confidence);
        Assert.Equal("crash on n1: crash fact.", clear.Primary);
        Assert.Equal("fix crash", clear.Remedy.Action);
        var alternative = Assert.Single(clear.Alternatives);
        Assert.Equal("hang: hang on n1", alternative.Hypothesis);
        Assert.StartsWith("ruled out: the evidence for it is weak (hang fact) (score 0.20)", alternative.Conclusion);
        Assert.StartsWith("possible but less likely: score 0.80 against 0.90", Assert.Single(close.Alternatives).Conclusion);
    }

    [Fact]
    public void Nothing_above_the_threshold_is_an_unknown_cause_with_every_hypothesis_listed()
    {
        var verdict = HypothesisRanking.Judge([new Fixed("crash", 0.1), new Fixed("hang", 0, "it answers")], "n1", Context(), "TiKV", "unknown", Unknown);

        Assert.False(verdict.Known);
        Assert.Equal("unknown", verdict.Cause);
        Assert.Equal("No known TiKV failure fits the evidence for \"n1 is down\"; the best guess, crash, scored only 0.10.", verdict.Primary);
        Assert.Equal(2, verdict.Alternatives.Count);
        Assert.Contains("no evidence for it; it answers", verdict.Alternatives[1].Conclusion);
        Assert.Equal("look by hand", verdict.Remedy.Action);
    }
}
