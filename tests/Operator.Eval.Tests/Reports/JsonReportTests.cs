using System.Text.Json;
using Operator.Eval.Reports;
using Operator.Eval.Scoring;
using Operator.Eval.Tests.Scoring;

namespace Operator.Eval.Tests.Reports;

public sealed class JsonReportTests
{
    [Fact]
    public void Faults_overall_and_confusion_under_their_contract_names()
    {
        var summary = EvalSummary.Of(
        [
            Trials.Record(Trials.KillFollower, 1, detectMs: 30, diagnoseMs: 100, recoverMs: 2000),
            Trials.Record(Trials.KillFollower, 2, detectMs: 50, diagnoseMs: 300, cause: "process_hung", confidence: 0.85, recoverMs: 4000),
            Trials.Record(Trials.Pause, 1, detectMs: null, recoverMs: null),
        ]);

        using var doc = JsonDocument.Parse(JsonReport.Render("rules run", summary));
        var root = doc.RootElement;

        Assert.Equal("rules run", root.GetProperty("title").GetString());
        var kill = root.GetProperty("faults")[0];
        Assert.Equal("kill-follower", kill.GetProperty("fault").GetString());
        Assert.Equal(2, kill.GetProperty("trials").GetInt32());
        var cause = kill.GetProperty("causeCorrect");
        Assert.Equal(1, cause.GetProperty("successes").GetInt32());
        Assert.Equal(2, cause.GetProperty("trials").GetInt32());
        Assert.Equal(0.5, cause.GetProperty("rate").GetDouble());
        Assert.Equal(0.0945, cause.GetProperty("low").GetDouble());
        Assert.Equal(0.9055, cause.GetProperty("high").GetDouble());
        Assert.Equal(1, kill.GetProperty("confidentAndWrong").GetInt32());
        Assert.Equal(40, kill.GetProperty("timeToDetectMs").GetProperty("median").GetDouble());
        Assert.Equal(48, kill.GetProperty("timeToDetectMs").GetProperty("p90").GetDouble());
        Assert.Equal(2, kill.GetProperty("detectingInvariants").GetProperty("member_down").GetInt32());

        var pause = root.GetProperty("faults")[1];
        Assert.Equal(0, pause.GetProperty("detected").GetProperty("successes").GetInt32());
        Assert.Equal(JsonValueKind.Null, pause.GetProperty("timeToDetectMs").GetProperty("median").ValueKind);
        Assert.Equal(JsonValueKind.Null, pause.GetProperty("medianConfidence").ValueKind);

        Assert.Equal("overall", root.GetProperty("overall").GetProperty("fault").GetString());
        var confusion = root.GetProperty("confusion");
        Assert.Equal(["process_crashed", "process_hung"], confusion.GetProperty("injected").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["process_crashed", "process_hung", ConfusionMatrix.None], confusion.GetProperty("diagnosed").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("[[1,1,0],[0,0,1]]", confusion.GetProperty("counts").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal));
    }
}
