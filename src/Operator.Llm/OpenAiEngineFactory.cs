using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Operator.Llm;

/// <summary>
/// Builds the <c>openai</c> engine on the OpenAI SDK with a configurable endpoint, so OpenAI itself, Ollama, vLLM and
/// llama.cpp servers all work. The key comes from <c>OPENAI_API_KEY</c> and is optional for local servers.
/// </summary>
public static class OpenAiEngineFactory
{
    public const string DefaultModel = "gpt-4o-mini";
    public static readonly Uri DefaultBaseUrl = new("https://api.openai.com/v1");

    /// <summary>Sent when no key is configured; local servers ignore it but the SDK needs a non-empty credential.</summary>
    public const string PlaceholderKey = "no-key";

    /// <summary>The SDK client as an <see cref="IChatClient"/>, its pipeline retries off (the engine retries).</summary>
    public static IChatClient CreateChatClient(LlmEngineOptions options, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.BaseUrl ?? DefaultBaseUrl,
            NetworkTimeout = options.CallTimeout + TimeSpan.FromSeconds(5),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        var key = string.IsNullOrWhiteSpace(apiKey) ? PlaceholderKey : apiKey;
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(options.Model).AsIChatClient();
    }

    public static LlmEngine Create(LlmEngineOptions options, string? apiKey, IReadOnlyList<string> causes, TimeProvider? time = null) =>
        new(CreateChatClient(options, apiKey), EngineEnvironment.OpenAi, causes, options, time, new SecretRedactor([apiKey]));

    /// <summary>The engine keyed from <c>OPENAI_API_KEY</c> (optional), base URL from options, else <c>OPENAI_BASE_URL</c>, else OpenAI.</summary>
    public static LlmEngine FromEnvironment(LlmEngineOptions options, IReadOnlyList<string> causes, TimeProvider? time = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        environment ??= Environment.GetEnvironmentVariable;
        var baseUrl = options.BaseUrl
            ?? (Uri.TryCreate(environment(EngineEnvironment.OpenAiBaseUrl), UriKind.Absolute, out var u) ? u : null);
        return Create(options with { BaseUrl = baseUrl }, environment(EngineEnvironment.OpenAiApiKey), causes, time);
    }
}
