using System.ComponentModel;

namespace Operator.Llm;

/// <summary>The JSON shape an LLM is asked to return; mirrors the Core <c>Diagnosis</c> minus what the engine fills in itself.</summary>
[Description("A differential diagnosis of one ticket.")]
public sealed class LlmDiagnosisDto
{
    [Description("Cause code, exactly one of the allowed cause codes.")]
    public string Cause { get; set; } = "";

    [Description("The node the cause is about (e.g. n2), or null when cluster-wide.")]
    public string? Node { get; set; }

    [Description("One or two sentences naming the cause and citing the real values observed.")]
    public string PrimaryDiagnosis { get; set; } = "";

    [Description("Confidence between 0 and 1.")]
    public double ConfidenceScore { get; set; }

    [Description("info, warning or critical.")]
    public string Severity { get; set; } = "";

    [Description("Facts the primary diagnosis rests on, each citing its source.")]
    public LlmEvidenceDto[] SupportingEvidence { get; set; } = [];

    [Description("At least two other hypotheses considered, with evidence for and against and the verdict.")]
    public LlmAlternativeDto[] Alternatives { get; set; } = [];

    [Description("What the operator should do, in prose.")]
    public string RecommendedAction { get; set; } = "";

    [Description("Copy-paste shell commands for the recommended action.")]
    public string[] Commands { get; set; } = [];

    [Description("What could go wrong acting, or not acting, on this diagnosis.")]
    public string[] Risks { get; set; } = [];

    [Description("Nodes or parts of the cluster affected.")]
    public string[] AffectedComponents { get; set; } = [];
}
