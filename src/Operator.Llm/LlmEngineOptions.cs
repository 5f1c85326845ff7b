namespace Operator.Llm;

/// <summary>How to reach and call one LLM: model, endpoint, per-call timeout and retry budget. Never holds the API key.</summary>
/// <param name="Model">Model id sent to the provider (e.g. <c>claude-sonnet-4-5</c>, <c>llama3.2</c>).</param>
/// <param name="BaseUrl">Provider base URL; null for the provider default (Anthropic: <c>https://api.anthropic.com</c>, OpenAI: <c>https://api.openai.com/v1</c>). For OpenAI-compatible servers include <c>/v1</c>.</param>
/// <param name="Timeout">Deadline for one HTTP call.</param>
/// <param name="MaxRetries">Extra attempts on 408/429/5xx, connection errors and timeouts.</param>
/// <param name="RetryBaseDelay">First backoff delay; doubled on each further retry.</param>
/// <param name="MaxOutputTokens">Completion budget per call.</param>
/// <param name="UseJsonSchemaResponseFormat">Send the JSON schema as the response format; turn off for local servers without json_schema support (the schema then goes into the prompt).</param>
public sealed record LlmEngineOptions(
    string Model,
    Uri? BaseUrl = null,
    TimeSpan? Timeout = null,
    int MaxRetries = 2,
    TimeSpan? RetryBaseDelay = null,
    int MaxOutputTokens = 2048,
    bool UseJsonSchemaResponseFormat = true)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultRetryBaseDelay = TimeSpan.FromSeconds(1);

    public TimeSpan CallTimeout => Timeout ?? DefaultTimeout;

    public TimeSpan FirstRetryDelay => RetryBaseDelay ?? DefaultRetryBaseDelay;
}
