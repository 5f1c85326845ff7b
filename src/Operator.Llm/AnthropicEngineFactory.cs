using Anthropic;
using Microsoft.Extensions.AI;

namespace Operator.Llm;

/// <summary>Builds the <c>anthropic</c> engine on the official Anthropic SDK (key from <c>ANTHROPIC_API_KEY</c>).</summary>
public static class AnthropicEngineFactory
{
    public const string DefaultModel = "claude-sonnet-4-5";
    public static readonly Uri DefaultBaseUrl = new("https://api.anthropic.com");

    /// <summary>
    /// The SDK client as an <see cref="IChatClient"/>, with its own retries off (the engine retries) and its own
    /// timeout a little above the engine's per-call deadline. ApiKey and BaseUrl are always set explicitly so the
    /// SDK never falls back to other environment variables.
    /// </summary>
    public static IChatClient CreateChatClient(LlmEngineOptions options, string apiKey)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        var client = new AnthropicClient
        {
            ApiKey = apiKey,
            BaseUrl = (options.BaseUrl ?? DefaultBaseUrl).ToString().TrimEnd('/'),
            MaxRetries = 0,
            Timeout = options.CallTimeout + TimeSpan.FromSeconds(5),
        };
        return client.AsIChatClient(options.Model, defaultMaxOutputTokens: options.MaxOutputTokens);
    }

    public static LlmEngine Create(LlmEngineOptions options, string apiKey, IReadOnlyList<string> causes, TimeProvider? time = null) =>
        new(CreateChatClient(options, apiKey), EngineEnvironment.Anthropic, causes, options, time, new SecretRedactor([apiKey]));

    /// <summary>The engine keyed from <c>ANTHROPIC_API_KEY</c> (base URL from options, else <c>ANTHROPIC_BASE_URL</c>), or null when no key is set.</summary>
    public static LlmEngine? FromEnvironment(LlmEngineOptions options, IReadOnlyList<string> causes, TimeProvider? time = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        environment ??= Environment.GetEnvironmentVariable;
        var key = environment(EngineEnvironment.AnthropicApiKey);
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var baseUrl = options.BaseUrl ?? ParseUrl(environment(EngineEnvironment.AnthropicBaseUrl));
        return Create(options with { BaseUrl = baseUrl }, key, causes, time);
    }

    private static Uri? ParseUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
}
