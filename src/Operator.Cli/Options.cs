using System.CommandLine;
using Operator.Core.Time;

namespace Operator.Cli;

/// <summary>Options shared by several commands, defined once so names and help stay consistent.</summary>
internal static class Options
{
    public static Option<string?> StateDir { get; } = new("--state-dir")
    {
        Description = $"Folder holding the ticket database, cluster data, logs and pids (env {StateDirectory.EnvironmentVariable}; default ~/.local/state/operator)",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON (a stable contract for scripts)" };

    public static Option<string?> Endpoints() => new("--endpoints")
    {
        Description = "Observe an external etcd cluster at these client URLs (comma-separated) instead of the local one",
    };

    public static Option<TimeSpan> ProbeTimeout(TimeSpan fallback) => Duration("--probe-timeout", "Per-request timeout for each probe of a member", fallback);

    /// <summary>A duration option accepting 500ms, 2s, 1m or bare seconds (0.5); zero only when <paramref name="allowZero"/>.</summary>
    public static Option<TimeSpan> Duration(string name, string description, TimeSpan fallback, bool allowZero = false) => new(name)
    {
        Description = $"{description} (e.g. 0.5, 500ms, 2s)",
        DefaultValueFactory = _ => fallback,
        CustomParser = r => ParseDuration(r, name, allowZero) ?? fallback,
    };

    /// <summary>Like <see cref="Duration"/>, positive, but with no default: null when the option is not given.</summary>
    public static Option<TimeSpan?> OptionalDuration(string name, string description) => new(name)
    {
        Description = $"{description} (e.g. 500ms, 20s, 1m)",
        CustomParser = r => ParseDuration(r, name, allowZero: false),
    };

    private static TimeSpan? ParseDuration(System.CommandLine.Parsing.ArgumentResult r, string name, bool allowZero)
    {
        var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : null;
        if (DurationText.TryParse(text, out var value) && (value > TimeSpan.Zero || (allowZero && value == TimeSpan.Zero)))
        {
            return value;
        }

        r.AddError($"{name}: '{text}' is not a {(allowZero ? "non-negative" : "positive")} duration; use e.g. 0.5, 500ms or 2s");
        return null;
    }

    public static StateDirectory State(ParseResult parse) => StateDirectory.Resolve(parse.GetValue(StateDir));
}
