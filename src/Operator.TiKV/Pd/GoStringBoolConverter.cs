using System.Text.Json;
using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>PD's boolean settings are strings (<c>"true"</c>, Go's <c>,string</c> tag); a plain JSON boolean is accepted too.</summary>
internal sealed class GoStringBoolConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.String when reader.ValueTextEquals("true"u8) => true,
        JsonTokenType.String when reader.ValueTextEquals("false"u8) => false,
        _ => throw new JsonException("expected \"true\" or \"false\""),
    };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value ? "true" : "false");
    }
}
