using System.Text.Json.Serialization;

namespace Operator.Etcd.Client;

/// <summary>One line of a gateway stream: <c>{"result":{…}}</c> or <c>{"error":{…}}</c>.</summary>
internal sealed record EtcdWatchEnvelope
{
    [JsonPropertyName("result")]
    public EtcdWatchResponse? Result { get; init; }

    [JsonPropertyName("error")]
    public EtcdErrorBody? Error { get; init; }
}
