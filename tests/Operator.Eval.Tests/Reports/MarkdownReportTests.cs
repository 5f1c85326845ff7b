using Operator.Eval.Reports;
using Operator.Eval.Scoring;
using Operator.Eval.Tests.Scoring;

namespace Operator.Eval.Tests.Reports;

public sealed class MarkdownReportTests
{
    [Fact]
    public void Rows_per_fault_and_overall_with_rates_times_and_the_confusion_matrix()
    {
        var summary = EvalSummary.Of(
        [
            Trials.Record(Trials.KillFollower, 1, detectMs: 30, diagnoseMs: 100, recoverMs: 2000),
            Trials.Record(Trials.KillFollower, 2, detectMs: 50, diagnoseMs: 300, cause: "process_hung", confidence: 0.85, recoverMs: 4000),
            Trials.Record(Trials.Pause, 1, detectMs: 1500, diagnoseMs: 250, recoverMs: null),
            Trials.Record(Trials.Pause, 2, detectMs: 100, contaminated: true),
        ]);

        var md = MarkdownReport.Render("rules, 2026-11-29", summary);

        Assert.StartsWith("# rules, 2026-11-29\n", md, StringComparison.Ordinal);
        Assert.Contains("| `kill-follower` | 2 | 2/2 (100 %, 34–100 %) | 40 ms / 48 ms | 2/2 (100 %, 34–100 %) | 1/2 (50 %, 9–91 %) | 1 | 200 ms / 280 ms | 3.00 s | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("| `pause` | 2 (1 contaminated) | 1/1 (100 %, 21–100 %) | 1.50 s / 1.50 s |", md, StringComparison.Ordinal);
        Assert.Contains("| **overall** | 4 (1 contaminated) | 3/3 (100 %, 44–100 %) |", md, StringComparison.Ordinal);
        Assert.Contains("| injected \\ diagnosed | `process_crashed` | `process_hung` |", md, StringComparison.Ordinal);
        Assert.Contains("| `process_crashed` | **1** | 1 |", md, StringComparison.Ordinal);
        Assert.Contains("| `process_hung` | · | **1** |", md, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "–")]
    [InlineData(45.4, "45 ms")]
    [InlineData(1234.0, "1.23 s")]
    public void Durations_read_in_ms_below_a_second_and_in_s_above(double? ms, string expected) =>
        Assert.Equal(expected, ReportFormat.Duration(ms is { } v ? TimeSpan.FromMilliseconds(v) : null));
}
