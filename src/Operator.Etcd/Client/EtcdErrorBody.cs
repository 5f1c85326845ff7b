using System.Text.Json.Serialization;

namespace Operator.Etcd.Client;

/// <summary>etcd's gateway error shape: <c>{"error":"…","message":"…","code":N}</c>.</summary>
internal sealed record EtcdErrorBody
{
    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    [JsonPropertyName("code")]
    public int? Code { get; init; }

    public string? Text => string.IsNullOrWhiteSpace(Message) ? Error : Message;
}
