using System.ComponentModel;

namespace Operator.Llm;

/// <summary>One alternative hypothesis in an LLM's reply.</summary>
public sealed class LlmAlternativeDto
{
    [Description("The hypothesis, ideally naming a cause code.")]
    public string Hypothesis { get; set; } = "";

    [Description("Evidence in favour.")]
    public string[] Supporting { get; set; } = [];

    [Description("Evidence against.")]
    public string[] Contradicting { get; set; } = [];

    [Description("Verdict: ruled out, less likely, or cannot be excluded, and why.")]
    public string Conclusion { get; set; } = "";
}
