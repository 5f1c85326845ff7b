using Operator.Core.Diagnosis;

namespace Operator.TiKV.Logs;

/// <summary>
/// One line of TiKV's or PD's unified log format:
/// <c>[time] [LEVEL] [file:line] [message] [key=value] …</c>, with quoted parts already decoded.
/// </summary>
/// <param name="At">The line's timestamp with the offset it was written in (the process's local zone).</param>
/// <param name="Level">Severity.</param>
/// <param name="Caller">Source file and line (<c>raft.rs:1271</c>); informative only, it changes between versions.</param>
/// <param name="Message">The message, unquoted.</param>
/// <param name="Fields">Key/value fields, unquoted; when a key repeats, the first (call-site) value is kept.</param>
/// <param name="Raw">The line as read, for citation.</param>
public sealed record UnifiedLogLine(
    DateTimeOffset At,
    UnifiedLogLevel Level,
    string Caller,
    string Message,
    IReadOnlyDictionary<string, string> Fields,
    string Raw)
{
    /// <summary><see cref="LogLine.Source"/> for lines read from a log file.</summary>
    public const string LogSource = "log";

    /// <summary><see cref="LogLine.Source"/> for lines read from a container's output (<c>docker logs</c>).</summary>
    public const string ContainerSource = "container";

    /// <summary>The value of <paramref name="key"/>, or null when the line has no such field.</summary>
    public string? Field(string key) => Fields.GetValueOrDefault(key);

    /// <summary>
    /// The line as Core evidence: UTC time, lower-case level (<c>warn</c>, <c>error</c>…), the fields plus
    /// <c>caller</c> (as the etcd parser keeps zap's caller), for the diagnosis context and the LLM prompt.
    /// </summary>
    /// <param name="node">The Operator node whose log it is (<c>store4</c>, <c>pd0</c>).</param>
    /// <param name="source">Where it was read: <see cref="LogSource"/> or <see cref="ContainerSource"/>.</param>
    public LogLine ToLogLine(string node, string source = LogSource)
    {
        var fields = new Dictionary<string, string>(Fields.Count + 1, StringComparer.Ordinal);
        foreach (var (key, value) in Fields)
        {
            fields[key] = value;
        }

        fields.TryAdd("caller", Caller);
        return new LogLine(At.ToUniversalTime(), node, LevelName(Level), Message, fields, source);
    }

    /// <summary>The lower-case name Core uses for a level (<c>fatal</c> … <c>trace</c>).</summary>
    public static string LevelName(UnifiedLogLevel level) => level switch
    {
        UnifiedLogLevel.Fatal => "fatal",
        UnifiedLogLevel.Error => "error",
        UnifiedLogLevel.Warn => "warn",
        UnifiedLogLevel.Info => "info",
        UnifiedLogLevel.Debug => "debug",
        _ => "trace",
    };
}
