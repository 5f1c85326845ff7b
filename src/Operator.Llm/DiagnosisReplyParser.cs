using System.Text.Json;

namespace Operator.Llm;

/// <summary>Turns an LLM's text reply into a checked <see cref="LlmDiagnosisDto"/>, or the list of what is wrong with it.</summary>
public sealed class DiagnosisReplyParser
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private readonly HashSet<string> _causes;

    public DiagnosisReplyParser(IReadOnlyList<string> causes)
    {
        ArgumentNullException.ThrowIfNull(causes);
        if (causes.Count == 0)
        {
            throw new ArgumentException("the cause vocabulary is empty", nameof(causes));
        }

        Causes = causes;
        _causes = new HashSet<string>(causes, StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Causes { get; }

    public DiagnosisReply Parse(string? text)
    {
        var json = StripFences(text ?? string.Empty);
        if (json.Length == 0)
        {
            return DiagnosisReply.Invalid(["the reply was empty; expected one JSON object"]);
        }

        LlmDiagnosisDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<LlmDiagnosisDto>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            return DiagnosisReply.Invalid([$"the reply is not valid JSON for the schema: {e.Message}"]);
        }

        if (dto is null)
        {
            return DiagnosisReply.Invalid(["the reply was JSON null; expected one JSON object"]);
        }

        var errors = Validate(dto);
        return errors.Count == 0 ? DiagnosisReply.Valid(dto) : DiagnosisReply.Invalid(errors);
    }

    /// <summary>Removes a Markdown code fence (<c>```json … ```</c>) and any prose around the outermost JSON object.</summary>
    public static string StripFences(string text)
    {
        var t = text.Trim();
        if (t.StartsWith("```", StringComparison.Ordinal))
        {
            var firstNewline = t.IndexOf('\n', StringComparison.Ordinal);
            t = firstNewline < 0 ? string.Empty : t[(firstNewline + 1)..];
            var close = t.LastIndexOf("```", StringComparison.Ordinal);
            if (close >= 0)
            {
                t = t[..close];
            }

            t = t.Trim();
        }

        if (!t.StartsWith('{'))
        {
            var open = t.IndexOf('{', StringComparison.Ordinal);
            var end = t.LastIndexOf('}');
            if (open >= 0 && end > open)
            {
                t = t[open..(end + 1)];
            }
        }

        return t;
    }

    private List<string> Validate(LlmDiagnosisDto dto)
    {
        var errors = new List<string>();
        if (!_causes.Contains(dto.Cause ?? string.Empty))
        {
            errors.Add($"cause '{dto.Cause}' is not in the cause vocabulary; use exactly one of: {string.Join(", ", Causes)}");
        }

        if (string.IsNullOrWhiteSpace(dto.PrimaryDiagnosis))
        {
            errors.Add("primaryDiagnosis is empty; state the cause citing the observed values");
        }

        if (double.IsNaN(dto.ConfidenceScore) || dto.ConfidenceScore < 0 || dto.ConfidenceScore > 1)
        {
            errors.Add($"confidenceScore {dto.ConfidenceScore} is outside 0–1");
        }

        var alternatives = (dto.Alternatives ?? []).Where(a => a is not null && !string.IsNullOrWhiteSpace(a.Hypothesis)).Count();
        if (alternatives < 2)
        {
            errors.Add($"alternatives has {alternatives} hypotheses; list at least 2, each with supporting, contradicting and conclusion");
        }

        return errors;
    }
}
