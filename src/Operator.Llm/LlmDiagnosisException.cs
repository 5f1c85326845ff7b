namespace Operator.Llm;

/// <summary>
/// An LLM engine gave up. <see cref="Exception.Message"/> is a short, redacted reason fit for a ticket label
/// ("openai timed out after 10 s"); it never contains the API key, the prompt or a stack trace.
/// </summary>
public sealed class LlmDiagnosisException : Exception
{
    public LlmDiagnosisException()
    {
    }

    public LlmDiagnosisException(string message)
        : base(message)
    {
    }

    public LlmDiagnosisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
