using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Operator.Core.Http;

namespace Operator.TiKV.Pd;

/// <summary>
/// An error as PD words it, read from any of its four error-body shapes: a JSON string with a PD code
/// (<c>"[PD:core:ErrStoreNotFound]store 9 not found"</c>), a JSON string without one (<c>"missing store id"</c>), an
/// errcode object (<c>{"code":"input","msg":"…"}</c>), or a <c>text/plain</c> line from the leader proxy
/// (<c>[PD:apiutil:ErrRedirectNoLeader]redirect finds no leader</c>).
/// </summary>
/// <param name="Code">The PD code (<c>PD:core:ErrStoreNotFound</c>) or errcode code (<c>input</c>); null when there is none.</param>
/// <param name="Text">One line as users should see it.</param>
internal sealed partial record PdError(string? Code, string Text)
{
    /// <summary>The error in <paramref name="body"/>, or null when the body is none of PD's shapes (HTML, a proxy's page, …).</summary>
    public static PdError? Read(string? mediaType, ReadOnlySpan<byte> body)
    {
        body = body.Trim(" \t\r\n"u8);
        if (body.IsEmpty)
        {
            return null;
        }

        if (body[0] == (byte)'"')
        {
            return JsonString(body) is { Length: > 0 } text ? Coded(text) ?? new PdError(null, HttpFailureClassifier.OneLine(text)) : null;
        }

        if (body[0] == (byte)'{')
        {
            try
            {
                var errcode = JsonSerializer.Deserialize(body, PdJsonContext.Default.PdErrcodeBody);
                return errcode is { Code: { Length: > 0 } code, Msg: { Length: > 0 } msg }
                    ? new PdError(code, HttpFailureClassifier.OneLine($"{msg} (errcode {code})"))
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        // Only the leader proxy answers in plain text, and always with a PD code; plain text without one is not PD.
        return mediaType is null or "text/plain" ? Coded(Encoding.UTF8.GetString(body)) : null;
    }

    private static PdError? Coded(string text)
    {
        var match = CodePattern().Match(text);
        return match.Success ? new PdError(match.Groups[1].Value, HttpFailureClassifier.OneLine(text)) : null;
    }

    private static string? JsonString(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return null;
            }

            var text = reader.GetString();
            return reader.Read() ? null : text;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\[(PD:[A-Za-z0-9_]+:[A-Za-z0-9_]+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
