using Operator.Core.Diagnosis;

namespace Operator.Llm.Tests;

/// <summary>The engines through the real Anthropic and OpenAI SDK clients against a fake API server on 127.0.0.1.</summary>
public sealed class LlmEngineEndToEndTests
{
    private static readonly FixedClock Clock = new(Fixtures.T0.AddMinutes(1));

    public static TheoryData<string> Providers => new() { "anthropic", "openai" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Valid_reply_becomes_a_diagnosis_with_engine_model_tokens_and_time(string provider)
    {
        await using var server = new FakeLlmServer().Reply(WireReplies.For(provider, Fixtures.ValidReply(), inputTokens: 321, outputTokens: 123));
        var engine = Engine(provider, server);

        var d = await engine.DiagnoseAsync(Fixtures.Context(), CancellationToken.None);

        Assert.Equal("process_crashed", d.Cause);
        Assert.Equal("n2", d.Node);
        Assert.Equal(0.9, d.ConfidenceScore);
        Assert.Equal("high", d.Confidence);
        Assert.Equal("critical", d.Severity);
        Assert.Equal(2, d.Alternatives.Count);
        Assert.Contains(d.SupportingEvidence, e => e.Source == "process" && e.Detail.Contains("4121", StringComparison.Ordinal));
        Assert.Equal(["./operator cluster start n2"], d.Commands);
        Assert.Equal(provider, d.Engine);
        Assert.Equal(provider == "anthropic" ? "claude-test" : "llama-test", d.Model);
        Assert.Equal(321, d.InputTokens);
        Assert.Equal(123, d.OutputTokens);
        Assert.Equal(Clock.GetUtcNow(), d.CreatedAt);
        Assert.True(d.LatencyMs > 0);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(provider == "anthropic" ? "/v1/messages" : "/v1/chat/completions", request.Path);
        Assert.Equal($"Bearer {Fixtures.ApiKey}", request.Headers["Authorization"]);
        Assert.Contains("json_schema", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"enum\":[\"process_crashed\",\"process_hung\"", string.Concat(request.Body.Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal); // vocabulary pinned in the schema
        Assert.Contains("process_hung", request.Body, StringComparison.Ordinal); // the vocabulary is in the system prompt
        Assert.Contains("lost TCP streaming connection with remote peer", request.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Invalid_reply_is_repaired_once_with_the_validation_errors(string provider)
    {
        await using var server = new FakeLlmServer()
            .Reply(WireReplies.For(provider, "```json\n" + Fixtures.ValidReply(cause: "gremlins", alternatives: 1) + "\n```", inputTokens: 100, outputTokens: 10))
            .Reply(WireReplies.For(provider, Fixtures.ValidReply(), inputTokens: 200, outputTokens: 20));
        var engine = Engine(provider, server);

        var d = await engine.DiagnoseAsync(Fixtures.Context(), CancellationToken.None);

        Assert.Equal("process_crashed", d.Cause);
        Assert.Equal(300, d.InputTokens);
        Assert.Equal(30, d.OutputTokens);
        Assert.Equal(2, server.Requests.Count);
        Assert.DoesNotContain("not a valid diagnosis", server.Requests[0].Body, StringComparison.Ordinal);
        var repair = server.Requests[1].Body;
        Assert.Contains("not a valid diagnosis", repair, StringComparison.Ordinal);
        Assert.Contains("cause 'gremlins' is not in the cause vocabulary", repair, StringComparison.Ordinal);
        Assert.Contains("alternatives has 1 hypotheses", repair, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Invalid_reply_twice_falls_back_to_rules_labelled_as_such(string provider)
    {
        await using var server = new FakeLlmServer()
            .Reply(WireReplies.For(provider, "I think n2 crashed."))
            .Reply(WireReplies.For(provider, Fixtures.ValidReply(score: 1.7)));
        var rules = new FakeRulesEngine();
        var engine = new FallbackEngine(Engine(provider, server), rules);

        var d = await engine.DiagnoseAsync(Fixtures.Context(), CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(1, rules.Calls);
        Assert.Equal($"rules (fallback: {provider} gave invalid output twice (confidenceScore 1.7 is outside 0–1))", d.Engine);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Timeout_falls_back_to_rules_labelled_timed_out(string provider)
    {
        var slow = TimeSpan.FromSeconds(5);
        await using var server = new FakeLlmServer()
            .Reply(WireReplies.For(provider, Fixtures.ValidReply()) with { Delay = slow })
            .Reply(WireReplies.For(provider, Fixtures.ValidReply()) with { Delay = slow });
        var engine = new FallbackEngine(Engine(provider, server, timeout: TimeSpan.FromMilliseconds(300), maxRetries: 1), new FakeRulesEngine());

        var started = DateTimeOffset.UtcNow;
        var d = await engine.DiagnoseAsync(Fixtures.Context(), CancellationToken.None);

        var elapsed = DateTimeOffset.UtcNow - started;
        Assert.Equal($"rules (fallback: {provider} timed out after 0.3 s, 2 attempts)", d.Engine);
        Assert.Equal(2, (await server.WaitForRequestsAsync(2, TimeSpan.FromSeconds(5))).Count);
        Assert.True(elapsed < slow, "the engine should give up at its own deadline, not wait for the server");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rate_limit_is_retried_then_succeeds(string provider)
    {
        await using var server = new FakeLlmServer()
            .Reply(WireReplies.RateLimited(provider))
            .Reply(WireReplies.For(provider, Fixtures.ValidReply()));
        var engine = Engine(provider, server);

        var d = await engine.DiagnoseAsync(Fixtures.Context(), CancellationToken.None);

        Assert.Equal(provider, d.Engine);
        Assert.Equal("process_crashed", d.Cause);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Server_errors_exhaust_the_retries_then_fall_back(string provider)
    {
        await using var server = new FakeLlmServer()
            .Reply(WireReplies.ServerError(provider))
            .Reply(WireReplies.ServerError(provider))
            .Reply(WireReplies.ServerError(provider))
            .Reply(WireReplies.For(provider, Fixtures.ValidReply()));
        var engine = new FallbackEngine(Engine(provider, server, maxRetries: 2), new FakeRulesEngine());

        var d = await engine.DiagnoseAsync(Fixtures.Context(), CancellationToken.None);

        Assert.Equal($"rules (fallback: {provider} returned HTTP 500, 3 attempts)", d.Engine);
        Assert.Equal(3, server.Requests.Count);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Unauthorized_is_not_retried_and_the_key_stays_out_of_the_label(string provider)
    {
        // A server that echoes the key back in its error must not get it onto the ticket.
        var body = """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key KEY"}}""".Replace("KEY", Fixtures.ApiKey, StringComparison.Ordinal);
        await using var server = new FakeLlmServer().Reply(new FakeReply(401, body));
        var llm = Engine(provider, server);

        var error = await Assert.ThrowsAsync<LlmDiagnosisException>(() => llm.DiagnoseAsync(Fixtures.Context(), CancellationToken.None));
        Assert.Equal($"{provider} returned HTTP 401", error.Message);
        Assert.DoesNotContain(Fixtures.ApiKey, error.ToString(), StringComparison.Ordinal);

        await using var again = new FakeLlmServer().Reply(new FakeReply(401, body));
        var d = await new FallbackEngine(Engine(provider, again), new FakeRulesEngine()).DiagnoseAsync(Fixtures.Context(), CancellationToken.None);
        Assert.Equal($"rules (fallback: {provider} returned HTTP 401)", d.Engine);
        Assert.Single(again.Requests);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Api_key_and_planted_secrets_never_reach_the_prompt(string provider)
    {
        await using var server = new FakeLlmServer()
            .Reply(WireReplies.For(provider, $"not json, but it quotes token={Fixtures.PlantedToken}"))
            .Reply(WireReplies.For(provider, Fixtures.ValidReply()));
        var engine = Engine(provider, server);

        var d = await engine.DiagnoseAsync(Fixtures.Context(), CancellationToken.None);

        Assert.Equal(2, server.Requests.Count);
        foreach (var request in server.Requests)
        {
            foreach (var secret in new[] { Fixtures.ApiKey, Fixtures.UrlPassword, Fixtures.PlantedToken, Fixtures.PlantedBearer, Fixtures.PlantedOpenAiKey, Fixtures.PlantedAwsKey })
            {
                Assert.DoesNotContain(secret, request.Body, StringComparison.Ordinal);
            }

            // The redacted lines are still there, so the model keeps the context.
            Assert.Contains("http://admin:***@10.0.0.9:9000/snap", request.Body, StringComparison.Ordinal);
            Assert.Contains("token=***", request.Body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Fixtures.ApiKey, DiagnosisJson.Serialize(d), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_server_mode_sends_json_object_format_and_the_schema_in_the_prompt()
    {
        await using var server = new FakeLlmServer().Reply(WireReplies.OpenAi(Fixtures.ValidReply()));
        var options = new LlmEngineOptions("llama3.2", new Uri(server.BaseUrl, "/v1"), UseJsonSchemaResponseFormat: false);
        var engine = OpenAiEngineFactory.Create(options, apiKey: null, Fixtures.Causes, Clock);

        var d = await engine.DiagnoseAsync(Fixtures.Context(), CancellationToken.None);

        Assert.Equal("process_crashed", d.Cause);
        var request = Assert.Single(server.Requests);
        Assert.Equal($"Bearer {OpenAiEngineFactory.PlaceholderKey}", request.Headers["Authorization"]);
        Assert.Contains("\"json_object\"", request.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"json_schema\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("must conform to this JSON schema", request.Body, StringComparison.Ordinal);
    }

    private static LlmEngine Engine(string provider, FakeLlmServer server, TimeSpan? timeout = null, int maxRetries = 2)
    {
        var options = new LlmEngineOptions(
            provider == "anthropic" ? "claude-test" : "llama-test",
            BaseUrl: provider == "anthropic" ? server.BaseUrl : new Uri(server.BaseUrl, "/v1"),
            Timeout: timeout ?? TimeSpan.FromSeconds(10),
            MaxRetries: maxRetries,
            RetryBaseDelay: TimeSpan.FromMilliseconds(10));
        return provider == "anthropic"
            ? AnthropicEngineFactory.Create(options, Fixtures.ApiKey, Fixtures.Causes, Clock)
            : OpenAiEngineFactory.Create(options, Fixtures.ApiKey, Fixtures.Causes, Clock);
    }
}
