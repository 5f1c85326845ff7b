using System.Globalization;
using System.Text.Json;
using Operator.Core.Time;

namespace Operator.Core.Invariants;

/// <summary>
/// Per-invariant overrides of grace, severity, enablement and parameters, usually read from a JSON file:
/// <code>{ "invariants": { "member_unresponsive": { "grace": "2s", "severity": "warning" },
///                         "db_size_near_quota": { "ratio": 0.9 } } }</code>
/// </summary>
public sealed class InvariantConfig
{
    private readonly IReadOnlyDictionary<string, InvariantOverride> _overrides;
    private readonly string _source;

    public InvariantConfig(IReadOnlyDictionary<string, InvariantOverride> overrides, string source = "configuration")
    {
        _overrides = overrides;
        _source = source;
    }

    public static InvariantConfig Empty { get; } = new(new Dictionary<string, InvariantOverride>());

    public InvariantSettings Resolve(IInvariant invariant)
    {
        var d = invariant.Defaults;
        if (!_overrides.TryGetValue(invariant.Name, out var o))
        {
            return d;
        }

        var parameters = new Dictionary<string, double>(d.Parameters, StringComparer.Ordinal);
        foreach (var (k, v) in o.Parameters)
        {
            parameters[k] = v;
        }

        return new InvariantSettings(o.Enabled ?? d.Enabled, o.Grace ?? d.Grace, o.Severity ?? d.Severity, parameters);
    }

    /// <summary>Rejects overrides for invariants or parameters that do not exist (a typo must not pass silently).</summary>
    public void Validate(IReadOnlyList<IInvariant> invariants)
    {
        foreach (var (name, o) in _overrides)
        {
            var invariant = invariants.FirstOrDefault(i => i.Name == name)
                ?? throw new OperatorException(
                    $"{_source}: unknown invariant '{name}'; known invariants are {string.Join(", ", invariants.Select(i => i.Name))}");
            foreach (var p in o.Parameters.Keys)
            {
                if (!invariant.Defaults.Parameters.ContainsKey(p))
                {
                    var known = invariant.Defaults.Parameters.Keys.Concat(["enabled", "grace", "severity"]);
                    throw new OperatorException($"{_source}: unknown setting '{p}' for invariant {name}; known settings are {string.Join(", ", known)}");
                }
            }
        }
    }

    /// <summary>Reads a config file; a missing file is an empty config, a malformed one a one-line error.</summary>
    public static InvariantConfig Load(string path) => ConfigFile.ReadText(path) is { } text ? Parse(text, path) : Empty;

    public static InvariantConfig Parse(string json, string source)
    {
        var doc = ConfigFile.Parse(json, source);
        using (doc)
        {
            var overrides = new Dictionary<string, InvariantOverride>(StringComparer.Ordinal);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new OperatorException($"{source}: expected a JSON object with an \"invariants\" section");
            }

            if (!doc.RootElement.TryGetProperty("invariants", out var section))
            {
                return new InvariantConfig(overrides, source);
            }

            if (section.ValueKind != JsonValueKind.Object)
            {
                throw new OperatorException($"{source}: \"invariants\" must be an object keyed by invariant name");
            }

            foreach (var inv in section.EnumerateObject())
            {
                overrides[inv.Name] = ParseOverride(inv, source);
            }

            return new InvariantConfig(overrides, source);
        }
    }

    private static InvariantOverride ParseOverride(JsonProperty inv, string source)
    {
        if (inv.Value.ValueKind != JsonValueKind.Object)
        {
            throw new OperatorException($"{source}: invariants.{inv.Name} must be an object");
        }

        bool? enabled = null;
        TimeSpan? grace = null;
        Severity? severity = null;
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var p in inv.Value.EnumerateObject())
        {
            var where = $"{source}: invariants.{inv.Name}.{p.Name}";
            switch (p.Name)
            {
                case "enabled":
                    enabled = p.Value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        _ => throw new OperatorException($"{where} must be true or false"),
                    };
                    break;
                case "grace":
                    var text = p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble().ToString(CultureInfo.InvariantCulture) : p.Value.GetString();
                    grace = DurationText.TryParse(text, out var g) ? g : throw new OperatorException($"{where} must be a duration such as \"2s\" or \"500ms\"");
                    break;
                case "severity":
                    severity = SeverityNames.TryParse(p.Value.GetString(), out var s) ? s : throw new OperatorException($"{where} must be info, warning or critical");
                    break;
                default:
                    parameters[p.Name] = p.Value.ValueKind == JsonValueKind.Number
                        ? p.Value.GetDouble()
                        : throw new OperatorException($"{where} must be a number");
                    break;
            }
        }

        return new InvariantOverride(enabled, grace, severity, parameters);
    }
}
