using Operator.FakeTikv.Http;
using Operator.FakeTikv.Wire;

namespace Operator.FakeTikv.Pd;

/// <summary>PD's error answers, in the four shapes a client must accept.</summary>
internal static class PdErrors
{
    public const string NotBootstrapped = "[PD:cluster:ErrNotBootstrapped]TiKV cluster not bootstrapped, please start TiKV first";

    /// <summary>A JSON string body, coded (<c>[PD:core:ErrStoreNotFound]…</c>) or not (<c>"missing store id"</c>).</summary>
    public static FixedReply JsonString(int status, string message) => new(status, PdJson.ContentType, PdJson.String(message));

    /// <summary>The errcode object PD sends for malformed input (non-numeric path ids), with its <c>TiDB-Error-Code</c> header.</summary>
    public static FixedReply InvalidInput(string message, Action<System.Text.Json.Utf8JsonWriter> data)
    {
        var body = PdJson.Indented(w =>
        {
            w.WriteStartObject();
            w.WriteString("code", "input");
            w.WriteString("msg", message);
            w.WritePropertyName("data");
            data(w);
            w.WriteEndObject();
        });
        return new FixedReply(400, PdJson.ContentType, body, [new("TiDB-Error-Code", "input")]);
    }

    /// <summary>A non-numeric id, as Go's strconv reports it, in the errcode shape.</summary>
    public static FixedReply InvalidId(string function, string text) =>
        InvalidInput(ParseError(function, text), w =>
        {
            w.WriteStartObject();
            w.WriteString("Func", function);
            w.WriteString("Num", text);
            w.WriteStartObject("Err");
            w.WriteEndObject();
            w.WriteEndObject();
        });

    /// <summary>What a follower's proxy answers while PD has no leader: plain text, from <c>http.Error</c>.</summary>
    public static FixedReply NoLeader() =>
        new(503, "text/plain; charset=utf-8", "[PD:apiutil:ErrRedirectNoLeader]redirect finds no leader\n"u8.ToArray(), [new("X-Content-Type-Options", "nosniff")]);

    /// <summary>gorilla/mux's answer for a path nobody routes.</summary>
    public static FixedReply NotFound() => HttpReply.Text(404, "404 page not found\n");

    public static FixedReply MethodNotAllowed() => new(405, "", ReadOnlyMemory<byte>.Empty);

    /// <summary>Go's strconv error text: <c>strconv.ParseUint: parsing "abc": invalid syntax</c>.</summary>
    public static string ParseError(string function, string text) => $"strconv.{function}: parsing \"{text}\": invalid syntax";
}
