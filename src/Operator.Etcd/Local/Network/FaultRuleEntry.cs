using System.Text.Json.Serialization;

namespace Operator.Etcd.Local.Network;

/// <summary>One fault in the rules file: <c>{"node":"n2","mode":"delay","delayMs":200}</c>.</summary>
internal sealed record FaultRuleEntry
{
    [JsonPropertyName("node")]
    public string? Node { get; init; }

    /// <summary><c>partition</c> or <c>delay</c>.</summary>
    [JsonPropertyName("mode")]
    public string? Mode { get; init; }

    [JsonPropertyName("delayMs")]
    public double DelayMs { get; init; }
}
