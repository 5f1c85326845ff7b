using System.Text.Json.Serialization;

namespace Operator.Etcd.Local.Network;

/// <summary>The JSON shape of the rules file (<c>faultproxy.rules.json</c>).</summary>
internal sealed record FaultRulesDocument
{
    [JsonPropertyName("generation")]
    public long Generation { get; init; }

    [JsonPropertyName("members")]
    public Dictionary<string, string>? Members { get; init; }

    [JsonPropertyName("faults")]
    public List<FaultRuleEntry>? Faults { get; init; }
}
