using System.Text.Json;

namespace Operator.Llm.Tests;

/// <summary>Canned response bodies in the Anthropic Messages and OpenAI chat-completions wire formats (see reference/dotnet-stack.md).</summary>
public static class WireReplies
{
    public static FakeReply Anthropic(string text, int inputTokens = 11, int outputTokens = 7) => new(200, JsonSerializer.Serialize(new
    {
        id = "msg_1",
        type = "message",
        role = "assistant",
        model = "claude-test",
        content = new[] { new { type = "text", text } },
        stop_reason = "end_turn",
        stop_sequence = (string?)null,
        usage = new { input_tokens = inputTokens, output_tokens = outputTokens },
    }));

    public static FakeReply OpenAi(string text, int inputTokens = 11, int outputTokens = 7) => new(200, JsonSerializer.Serialize(new
    {
        id = "c1",
        @object = "chat.completion",
        created = 1700000000,
        model = "llama-test",
        choices = new[] { new { index = 0, message = new { role = "assistant", content = text }, finish_reason = "stop" } },
        usage = new { prompt_tokens = inputTokens, completion_tokens = outputTokens, total_tokens = inputTokens + outputTokens },
    }));

    public static FakeReply For(string provider, string text, int inputTokens = 11, int outputTokens = 7) =>
        provider == "anthropic" ? Anthropic(text, inputTokens, outputTokens) : OpenAi(text, inputTokens, outputTokens);

    public static FakeReply RateLimited(string provider) => provider == "anthropic"
        ? new FakeReply(429, """{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}""")
        : new FakeReply(429, """{"error":{"message":"slow down","type":"rate_limit_exceeded","code":"rate_limit_exceeded"}}""");

    public static FakeReply ServerError(string provider) => provider == "anthropic"
        ? new FakeReply(500, """{"type":"error","error":{"type":"api_error","message":"boom"}}""")
        : new FakeReply(500, """{"error":{"message":"boom","type":"server_error"}}""");
}
