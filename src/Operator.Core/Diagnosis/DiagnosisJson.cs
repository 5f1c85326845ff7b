using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Operator.Core.Time;

namespace Operator.Core.Diagnosis;

/// <summary>
/// The stored and printed form of a <see cref="Diagnosis"/>: camelCase names (<c>cause</c>, <c>node</c>,
/// <c>primaryDiagnosis</c>, <c>confidence</c>, <c>confidenceScore</c>, <c>supportingEvidence</c>, <c>alternatives</c>
/// with <c>hypothesis</c>/<c>supporting</c>/<c>contradicting</c>/<c>conclusion</c>, <c>recommendedAction</c>,
/// <c>commands</c>, <c>risks</c>, <c>severity</c>, <c>engine</c>, <c>model</c>, <c>latencyMs</c>, <c>createdAt</c>, …)
/// and times as ISO-8601 UTC with milliseconds. Scripts rely on these names.
/// </summary>
public static class DiagnosisJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new TimestampConverter() },
    };

    public static string Serialize(Diagnosis diagnosis) => JsonSerializer.Serialize(diagnosis, Options);

    /// <summary>Null when <paramref name="json"/> is not a diagnosis this version can read.</summary>
    public static Diagnosis? TryDeserialize(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Diagnosis>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed class TimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Timestamps.Parse(reader.GetString() ?? throw new JsonException("expected a timestamp string"));

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Timestamps.ToWire(value));
    }
}
