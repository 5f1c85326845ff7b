namespace Operator.Llm;

/// <summary>An LLM reply after parsing: the diagnosis, or the validation errors to send back for a repair.</summary>
public sealed record DiagnosisReply(LlmDiagnosisDto? Diagnosis, IReadOnlyList<string> Errors)
{
    public bool IsValid => Diagnosis is not null && Errors.Count == 0;

    public static DiagnosisReply Valid(LlmDiagnosisDto diagnosis) => new(diagnosis, []);

    public static DiagnosisReply Invalid(IReadOnlyList<string> errors) => new(null, errors);
}
