namespace Operator.Llm.Tests;

public sealed class EngineEnvironmentTests
{
    [Theory]
    [InlineData(null, null, "rules")]
    [InlineData("", "  ", "rules")]
    [InlineData("sk-ant-x", null, "anthropic")]
    [InlineData(null, "sk-x", "openai")]
    [InlineData("sk-ant-x", "sk-x", "anthropic")]
    public void Default_engine_is_rules_unless_a_key_is_configured(string? anthropicKey, string? openAiKey, string expected)
    {
        var env = new Dictionary<string, string?> { ["ANTHROPIC_API_KEY"] = anthropicKey, ["OPENAI_API_KEY"] = openAiKey };
        Assert.Equal(expected, EngineEnvironment.DefaultEngine(name => env.GetValueOrDefault(name)));
    }

    [Fact]
    public void Anthropic_from_environment_is_null_without_a_key() =>
        Assert.Null(AnthropicEngineFactory.FromEnvironment(new LlmEngineOptions("m"), Fixtures.Causes, environment: _ => null));

    [Fact]
    public void OpenAi_from_environment_works_without_a_key_for_local_servers()
    {
        var env = new Dictionary<string, string?> { ["OPENAI_BASE_URL"] = "http://127.0.0.1:11434/v1" };
        var engine = OpenAiEngineFactory.FromEnvironment(new LlmEngineOptions("llama3.2"), Fixtures.Causes, environment: name => env.GetValueOrDefault(name));
        Assert.Equal("openai", engine.Name);
        Assert.Equal("llama3.2", engine.Model);
    }

    [Fact]
    public void Options_never_carry_the_key() =>
        Assert.DoesNotContain("Key", string.Join(",", typeof(LlmEngineOptions).GetProperties().Select(p => p.Name)), StringComparison.Ordinal);
}
