namespace Operator.Core.Diagnosis;

/// <summary>
/// What an engine concluded about one ticket, the way a senior SRE would write it up: what happened, the most
/// likely cause with its evidence, the alternatives considered and why they were ruled out, what to do, and the
/// risks. Stored on the ticket as JSON (camelCase names are a contract for scripts; see <see cref="DiagnosisJson"/>).
/// </summary>
/// <param name="Cause">Machine-readable cause code from the subject's fixed vocabulary (e.g. <c>process_crashed</c>), or <c>unknown</c>.</param>
/// <param name="Node">The node the cause is about, or null for cluster-wide causes.</param>
/// <param name="PrimaryDiagnosis">One or two sentences citing the real values observed.</param>
/// <param name="Confidence">Words: <c>low</c>, <c>medium</c> or <c>high</c>.</param>
/// <param name="ConfidenceScore">0–1.</param>
/// <param name="SupportingEvidence">Each item cites its source.</param>
/// <param name="Alternatives">Other hypotheses considered (at least two), with evidence for and against.</param>
/// <param name="RecommendedAction">Prose.</param>
/// <param name="Commands">Copy-paste commands for the recommended action.</param>
/// <param name="Risks">What could go wrong acting (or not acting) on it.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>critical</c>.</param>
/// <param name="Timeline">What happened, in order.</param>
/// <param name="AffectedComponents">Nodes or parts of the cluster affected.</param>
/// <param name="MetricReadings">The readings the diagnosis relied on.</param>
/// <param name="Engine">Engine name (<c>rules</c>, <c>anthropic</c>, <c>openai</c>, or <c>rules (fallback from openai: …)</c>).</param>
/// <param name="Model">Model id when an LLM was used.</param>
/// <param name="LatencyMs">How long the engine took.</param>
/// <param name="CreatedAt">When the diagnosis was made.</param>
/// <param name="InputTokens">Prompt tokens, when an LLM was used.</param>
/// <param name="OutputTokens">Completion tokens, when an LLM was used.</param>
public sealed record Diagnosis(
    string Cause,
    string? Node,
    string PrimaryDiagnosis,
    string Confidence,
    double ConfidenceScore,
    IReadOnlyList<Evidence> SupportingEvidence,
    IReadOnlyList<Alternative> Alternatives,
    string RecommendedAction,
    IReadOnlyList<string> Commands,
    IReadOnlyList<string> Risks,
    string Severity,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<string> AffectedComponents,
    IReadOnlyList<MetricReading> MetricReadings,
    string Engine,
    string? Model,
    double LatencyMs,
    DateTimeOffset CreatedAt,
    long? InputTokens = null,
    long? OutputTokens = null)
{
    public const string UnknownCause = "unknown";

    /// <summary>Confidence words for a score: ≥ 0.8 high, ≥ 0.5 medium, else low.</summary>
    public static string ConfidenceWords(double score) => score >= 0.8 ? "high" : score >= 0.5 ? "medium" : "low";
}
