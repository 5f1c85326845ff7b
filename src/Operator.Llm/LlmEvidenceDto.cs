using System.ComponentModel;

namespace Operator.Llm;

/// <summary>One cited fact in an LLM's reply.</summary>
public sealed class LlmEvidenceDto
{
    [Description("probe, process, metric, log, ticket or history.")]
    public string Source { get; set; } = "";

    [Description("The fact, quoting the real value, log message or probe result.")]
    public string Detail { get; set; } = "";
}
