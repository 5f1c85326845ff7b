namespace Operator.Llm;

/// <summary>Environment variable names the LLM engines read, and the choice of default engine.</summary>
public static class EngineEnvironment
{
    public const string AnthropicApiKey = "ANTHROPIC_API_KEY";
    public const string AnthropicBaseUrl = "ANTHROPIC_BASE_URL";
    public const string OpenAiApiKey = "OPENAI_API_KEY";
    public const string OpenAiBaseUrl = "OPENAI_BASE_URL";

    public const string Rules = "rules";
    public const string Anthropic = "anthropic";
    public const string OpenAi = "openai";

    /// <summary>
    /// The engine <c>--engine</c> defaults to: <c>anthropic</c> when <c>ANTHROPIC_API_KEY</c> is set, else <c>openai</c>
    /// when <c>OPENAI_API_KEY</c> is set, else <c>rules</c>. A local OpenAI-compatible server needs an explicit <c>--engine openai</c>.
    /// </summary>
    /// <param name="environment">Reads a variable; <see cref="Environment.GetEnvironmentVariable(string)"/> when null.</param>
    public static string DefaultEngine(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrWhiteSpace(environment(AnthropicApiKey)))
        {
            return Anthropic;
        }

        return !string.IsNullOrWhiteSpace(environment(OpenAiApiKey)) ? OpenAi : Rules;
    }
}
