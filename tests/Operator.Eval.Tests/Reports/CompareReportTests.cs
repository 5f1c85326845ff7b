using System.Text.Json;
using Operator.Eval.Reports;
using Operator.Eval.Scoring;

namespace Operator.Eval.Tests.Reports;

public sealed class CompareReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Both_runs_appear_fault_by_fault_with_overall_last_and_a_fault_missing_from_one_side_shown_empty()
    {
        var a = EvalSummary.Of([Trial("pause", "process_hung", 1500), Trial("kill-leader", "process_crashed", 100)]);
        var b = EvalSummary.Of([Trial("pause", "process_crashed", 900)]);

        var markdown = CompareReport.Markdown(("rules-run", a), ("llm-run", b));
        Assert.Contains("# rules-run vs llm-run", markdown);
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| fault", StringComparison.Ordinal)).ToList();
        Assert.Equal(["pause", "kill-leader", "overall"], rows.Select(r => r.Split('|')[1].Trim()).ToList());
        Assert.Contains("| pause | 1/1 (100 %, 21–100 %) | 1/1 (100 %, 21–100 %) | 1.50 s | 900 ms | 1/1 (100 %, 21–100 %) | 0/1 (0 %, 0–79 %) | 0 | 1 |", markdown);
        Assert.Contains("| kill-leader | 1/1 (100 %, 21–100 %) | – | 100 ms | – |", markdown);

        using var json = JsonDocument.Parse(CompareReport.Json(("rules-run", a), ("llm-run", b)));
        var faults = json.RootElement.GetProperty("faults").EnumerateArray().ToList();
        Assert.Equal("overall", faults[^1].GetProperty("fault").GetString());
        Assert.Equal(JsonValueKind.Null, faults[1].GetProperty("b").ValueKind);
        Assert.Equal(900, faults[0].GetProperty("b").GetProperty("timeToDetectMedianMs").GetDouble());
        Assert.Equal(1, faults[0].GetProperty("b").GetProperty("confidentAndWrong").GetInt32());
    }

    private static TrialRecord Trial(string fault, string diagnosed, int detectMs) => new(
        new GroundTruth(fault, "n2", fault == "pause" ? "process_hung" : "process_crashed", fault == "pause" ? "member_unresponsive" : "member_down"),
        1,
        T0,
        new TrialTicket(1, fault == "pause" ? "member_unresponsive" : "member_down", "n2", T0.AddMilliseconds(detectMs)),
        new TrialDiagnosis(diagnosed, "n2", 0.9, T0.AddMilliseconds(detectMs + 200)),
        T0.AddSeconds(5),
        1,
        false);
}
