using System.Text.Json;
using Operator.Core.Time;

namespace Operator.Core.Tickets;

/// <summary>
/// Reads the <c>tickets</c> section of the config file:
/// <code>{ "tickets": { "flap_threshold": 3, "flap_window": "10m" } }</code>
/// <c>flap_threshold</c> 0 turns flap detection off (every re-occurrence after a resolve opens a new ticket).
/// </summary>
public static class TicketPolicyConfig
{
    public static TicketPolicy Load(string path) => ConfigFile.ReadText(path) is { } text ? Parse(text, path) : TicketPolicy.Default;

    public static TicketPolicy Parse(string json, string source)
    {
        var doc = ConfigFile.Parse(json, source);
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("tickets", out var section))
            {
                return TicketPolicy.Default;
            }

            if (section.ValueKind != JsonValueKind.Object)
            {
                throw new OperatorException($"{source}: \"tickets\" must be an object");
            }

            var policy = TicketPolicy.Default;
            foreach (var p in section.EnumerateObject())
            {
                var where = $"{source}: tickets.{p.Name}";
                policy = p.Name switch
                {
                    "flap_threshold" when p.Value.ValueKind == JsonValueKind.Number && p.Value.TryGetInt32(out var n) && n >= 0 =>
                        policy with { FlapThreshold = n == 0 ? int.MaxValue : n },
                    "flap_threshold" => throw new OperatorException($"{where} must be a whole number ≥ 0 (0 turns flap detection off)"),
                    "flap_window" when DurationText.TryParse(p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText(), out var w) =>
                        policy with { FlapWindow = w },
                    "flap_window" => throw new OperatorException($"{where} must be a duration such as \"10m\""),
                    _ => throw new OperatorException($"{where}: unknown setting; known settings are flap_threshold, flap_window"),
                };
            }

            return policy;
        }
    }
}
