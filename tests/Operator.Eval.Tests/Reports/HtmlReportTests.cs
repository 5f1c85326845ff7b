using Operator.Eval.Reports;
using Operator.Eval.Scoring;
using Operator.Eval.Tests.Scoring;

namespace Operator.Eval.Tests.Reports;

public sealed class HtmlReportTests
{
    private static readonly EvalSummary Summary = EvalSummary.Of(
    [
        Trials.Record(Trials.KillFollower, 1, detectMs: 30),
        Trials.Record(Trials.KillFollower, 2, detectMs: 50, cause: "process_hung", confidence: 0.85),
        Trials.Record(Trials.Pause, 1, detectMs: 1500),
        Trials.Record(Trials.Pause, 2, detectMs: null),
    ]);

    [Fact]
    public void One_self_contained_page_with_the_table_a_dot_per_detected_trial_and_the_matrix()
    {
        var html = HtmlReport.Render("rules <run>", Summary);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>rules &lt;run&gt;</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.Contains("<td>kill-follower</td><td>2</td><td>2/2 (100 %, 34–100 %)</td>", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("<circle ").Length - 1); // the undetected pause trial has no dot
        Assert.Contains("<title>trial 1: 1.50 s</title>", html, StringComparison.Ordinal);
        Assert.Contains("<title>median 40 ms</title>", html, StringComparison.Ordinal);
        Assert.Contains("<th>process_crashed</th><th>process_hung</th><th>(none)</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>process_crashed</td><td style=\"background:rgba(52,101,164,0.30)\">1</td><td style=\"background:rgba(204,0,0,0.30)\">1</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_with_no_detection_still_renders()
    {
        var html = HtmlReport.Render("empty", EvalSummary.Of([Trials.Record(Trials.Pause, detectMs: null)]));

        Assert.Contains("</svg>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<circle ", html, StringComparison.Ordinal);
    }
}
