using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>pingcap/errcode's error object (<c>{"code":"input","msg":"…","data":{…}}</c>), sent for malformed input.</summary>
internal sealed record PdErrcodeBody
{
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("msg")]
    public string? Msg { get; init; }
}
