using System.Text.Json;
using Operator.Core.Diagnosis;

namespace Operator.Core.Tests.Diagnosis;

public sealed class DiagnosisJsonTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 24, 10, 31, 7, 412, TimeSpan.Zero);

    private static Core.Diagnosis.Diagnosis Sample() => new(
        "process_crashed", "n2", "n2 crashed", "high", 0.9,
        [new Evidence("probe", "n2's client port refused connections", T)],
        [new Alternative("n2 is hung", ["no answer"], ["connection refused, not a timeout"], "ruled out"), new Alternative("partition", [], ["pid gone"], "ruled out")],
        "Restart n2", ["operator chaos restart n2"], ["restarting with a corrupt data dir fails"], "critical",
        [new TimelineEntry(T, "n2 stopped answering")], ["n2"], [new MetricReading("n1", "active_peers", 1)],
        "rules", null, 3.2, T);

    [Fact]
    public void Contract_field_names_are_camel_case_and_times_have_milliseconds()
    {
        using var doc = JsonDocument.Parse(DiagnosisJson.Serialize(Sample()));
        var r = doc.RootElement;
        foreach (var name in new[] { "cause", "node", "primaryDiagnosis", "confidence", "confidenceScore", "supportingEvidence", "alternatives", "recommendedAction", "commands", "risks", "severity", "engine", "model", "latencyMs", "createdAt" })
        {
            Assert.True(r.TryGetProperty(name, out _), $"missing {name}");
        }

        var alt = r.GetProperty("alternatives")[0];
        Assert.Equal("n2 is hung", alt.GetProperty("hypothesis").GetString());
        Assert.Equal(JsonValueKind.Array, alt.GetProperty("supporting").ValueKind);
        Assert.Equal(JsonValueKind.Array, alt.GetProperty("contradicting").ValueKind);
        Assert.Equal("ruled out", alt.GetProperty("conclusion").GetString());
        Assert.Equal("2026-11-24T10:31:07.412Z", r.GetProperty("createdAt").GetString());
        Assert.Equal("probe", r.GetProperty("supportingEvidence")[0].GetProperty("source").GetString());
    }

    [Fact]
    public void Round_trips_and_rejects_garbage()
    {
        var back = DiagnosisJson.TryDeserialize(DiagnosisJson.Serialize(Sample()))!;
        Assert.Equal("process_crashed", back.Cause);
        Assert.Equal(T, back.CreatedAt);
        Assert.Equal("operator chaos restart n2", Assert.Single(back.Commands));
        Assert.Null(DiagnosisJson.TryDeserialize("{ nope"));
        Assert.Null(DiagnosisJson.TryDeserialize(null));
    }
}
