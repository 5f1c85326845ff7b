using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;
using Operator.Core.Diagnosis;
using Operator.Core.Invariants;

namespace Operator.Llm;

/// <summary>
/// Diagnoses a ticket by asking an LLM behind <see cref="IChatClient"/> for a differential diagnosis as JSON,
/// checking it against the cause vocabulary, and asking once more with the errors when the reply is invalid.
/// </summary>
public sealed class LlmEngine : IDiagnosisEngine
{
    private static readonly JsonSerializerOptions SchemaOptions = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly string[] Severities = ["info", "warning", "critical"];

    private readonly LlmEngineOptions _options;
    private readonly TimeProvider _time;
    private readonly DiagnosisPrompt _prompt;
    private readonly DiagnosisReplyParser _parser;
    private readonly ResilientChatCall _call;
    private readonly ChatResponseFormat _responseFormat;

    /// <param name="client">The chat client (its own retries should be off: this engine retries).</param>
    /// <param name="name"><c>anthropic</c> or <c>openai</c>; also the <see cref="Diagnosis.Engine"/> label.</param>
    /// <param name="causes">The subject's fixed cause vocabulary.</param>
    /// <param name="options">Model, timeout and retry budget.</param>
    /// <param name="time">Clock for deadlines, backoff, latency and <see cref="Diagnosis.CreatedAt"/>.</param>
    /// <param name="redactor">Applied to everything sent; should know the API key.</param>
    public LlmEngine(IChatClient client, string name, IReadOnlyList<string> causes, LlmEngineOptions options, TimeProvider? time = null, SecretRedactor? redactor = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _options = options;
        _time = time ?? TimeProvider.System;
        _parser = new DiagnosisReplyParser(causes);
        var schema = AIJsonUtilities.CreateJsonSchema(
            typeof(LlmDiagnosisDto),
            serializerOptions: SchemaOptions,
            inferenceOptions: new AIJsonSchemaCreateOptions
            {
                TransformOptions = new AIJsonSchemaTransformOptions
                {
                    DisallowAdditionalProperties = true,
                    RequireAllProperties = true,
                    ConvertBooleanSchemas = true,
                },
            });
        schema = WithCauseEnum(schema, causes);
        _responseFormat = options.UseJsonSchemaResponseFormat
            ? ChatResponseFormat.ForJsonSchema(schema, "Diagnosis", "A differential diagnosis of one ticket.")
            : ChatResponseFormat.Json;
        _prompt = new DiagnosisPrompt(causes, redactor ?? new SecretRedactor(), options.UseJsonSchemaResponseFormat ? null : schema.GetRawText());
        _call = new ResilientChatCall(client, name, options, _time);
    }

    public string Name { get; }

    public string Model => _options.Model;

    public async Task<Diagnosis> DiagnoseAsync(DiagnosisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var started = _time.GetTimestamp();
        var chatOptions = new ChatOptions
        {
            ModelId = _options.Model,
            MaxOutputTokens = _options.MaxOutputTokens,
            Temperature = 0.1f,
            ResponseFormat = _responseFormat,
        };
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, _prompt.System()),
            new(ChatRole.User, _prompt.User(context)),
        };

        var response = await _call.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
        long? input = response.Usage?.InputTokenCount;
        long? output = response.Usage?.OutputTokenCount;
        var reply = _parser.Parse(response.Text);
        if (!reply.IsValid)
        {
            messages.Add(new ChatMessage(ChatRole.Assistant, _prompt.Echo(response.Text ?? string.Empty)));
            messages.Add(new ChatMessage(ChatRole.User, _prompt.Repair(reply.Errors)));
            var firstErrors = reply.Errors;
            response = await _call.GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
            input = Sum(input, response.Usage?.InputTokenCount);
            output = Sum(output, response.Usage?.OutputTokenCount);
            reply = _parser.Parse(response.Text);
            if (!reply.IsValid)
            {
                var why = reply.Errors.Count > 0 ? reply.Errors[0] : firstErrors[0];
                throw new LlmDiagnosisException($"{Name} gave invalid output twice ({Shorten(why)})");
            }
        }

        var latency = _time.GetElapsedTime(started);
        return Map(reply.Diagnosis!, context, response.ModelId ?? _options.Model, latency, input, output);
    }

    private Diagnosis Map(LlmDiagnosisDto dto, DiagnosisContext context, string model, TimeSpan latency, long? input, long? output)
    {
        var ticket = context.Ticket;
        var node = string.IsNullOrWhiteSpace(dto.Node) ? ticket.Node : dto.Node.Trim();
        var severity = (dto.Severity ?? string.Empty).Trim().ToLowerInvariant();
        if (!Severities.Contains(severity))
        {
            severity = ticket.Severity.ToWire();
        }

        var affected = Clean(dto.AffectedComponents);
        if (affected.Count == 0 && node is not null)
        {
            affected = [node];
        }

        return new Diagnosis(
            Cause: dto.Cause,
            Node: node,
            PrimaryDiagnosis: dto.PrimaryDiagnosis.Trim(),
            Confidence: Diagnosis.ConfidenceWords(dto.ConfidenceScore),
            ConfidenceScore: dto.ConfidenceScore,
            SupportingEvidence: (dto.SupportingEvidence ?? [])
                .Where(e => e is not null && !string.IsNullOrWhiteSpace(e.Detail))
                .Select(e => new Evidence(string.IsNullOrWhiteSpace(e.Source) ? "llm" : e.Source.Trim(), e.Detail.Trim()))
                .ToList(),
            Alternatives: (dto.Alternatives ?? [])
                .Where(a => a is not null && !string.IsNullOrWhiteSpace(a.Hypothesis))
                .Select(a => new Alternative(a.Hypothesis.Trim(), Clean(a.Supporting), Clean(a.Contradicting), a.Conclusion?.Trim() ?? string.Empty))
                .ToList(),
            RecommendedAction: dto.RecommendedAction?.Trim() ?? string.Empty,
            Commands: Clean(dto.Commands),
            Risks: Clean(dto.Risks),
            Severity: severity,
            Timeline: [new TimelineEntry(ticket.FirstSeenAt, $"ticket opened: {ticket.Message}")],
            AffectedComponents: affected,
            MetricReadings: [],
            Engine: Name,
            Model: model,
            LatencyMs: Math.Round(latency.TotalMilliseconds, 1),
            CreatedAt: _time.GetUtcNow(),
            InputTokens: input,
            OutputTokens: output);
    }

    // The vocabulary is per subject, so it cannot be an attribute on the DTO; pin it into the schema as an enum.
    private static JsonElement WithCauseEnum(JsonElement schema, IReadOnlyList<string> causes)
    {
        var node = JsonNode.Parse(schema.GetRawText())!;
        if (node["properties"]?["cause"] is JsonObject cause)
        {
            cause["enum"] = new JsonArray(causes.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
        }

        return JsonSerializer.SerializeToElement(node);
    }

    private static List<string> Clean(string[]? items) =>
        (items ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();

    private static long? Sum(long? a, long? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
