using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Operator.FakeTikv.Wire;

/// <summary>
/// JSON bodies as PD renders them: <c>render.JSON</c> (two-space indent, trailing newline) for most endpoints; compact
/// easyjson without a newline for region lists. Strings escaped like Go (<c>\"</c>, not <c>\u0022</c>).
/// </summary>
public static class PdJson
{
    public const string ContentType = "application/json; charset=UTF-8";

    /// <summary>What <c>render.Data</c> sends: PD's region endpoints use it for their pre-encoded JSON.</summary>
    public const string BinaryContentType = "application/octet-stream";

    public static JsonWriterOptions IndentedOptions { get; } = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonWriterOptions CompactOptions { get; } = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    /// <summary>An indented body with its trailing newline.</summary>
    public static byte[] Indented(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, IndentedOptions))
        {
            write(writer);
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Compact(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, CompactOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A JSON string body: how PD answers mutations and most errors (<c>"[PD:core:ErrStoreNotFound]store 9 not found"</c>).</summary>
    public static byte[] String(string text) => Indented(w => w.WriteStringValue(text));
}
