using System.Globalization;
using System.Text;
using System.Text.Json;
using Operator.Core.Diagnosis;
using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Core.Tickets;
using Operator.Core.Time;

namespace Operator.Llm;

/// <summary>
/// Writes the prompts for an LLM diagnosis: an SRE-runbook system prompt with the cause vocabulary and the reply
/// shape, and a compact rendering of the <see cref="DiagnosisContext"/>. Everything returned has been redacted.
/// </summary>
public sealed class DiagnosisPrompt
{
    /// <summary>Log lines kept per section (the newest ones), so one chatty node cannot blow the prompt budget.</summary>
    public const int MaxLogLines = 40;

    private const int MaxFieldChars = 300;
    private const int MaxSnapshotChars = 4000;

    private readonly IReadOnlyList<string> _causes;
    private readonly SecretRedactor _redactor;
    private readonly string? _schemaInPrompt;

    /// <param name="causes">The fixed cause vocabulary the reply must choose from.</param>
    /// <param name="redactor">Applied to every string returned.</param>
    /// <param name="schemaInPrompt">JSON schema text to include in the system prompt (for servers without json_schema response formats), or null.</param>
    public DiagnosisPrompt(IReadOnlyList<string> causes, SecretRedactor redactor, string? schemaInPrompt = null)
    {
        _causes = causes;
        _redactor = redactor;
        _schemaInPrompt = schemaInPrompt;
    }

    public string System()
    {
        var sb = new StringBuilder();
        sb.AppendLine("You are the on-call SRE for a distributed database cluster, writing the diagnosis section of an incident ticket.");
        sb.AppendLine("Work it like a runbook: read the evidence, build a differential diagnosis, pick the most likely cause, and say what to do.");
        sb.AppendLine();
        sb.AppendLine("Rules:");
        sb.AppendLine($"- `cause` must be exactly one of: {string.Join(", ", _causes)}. Use `unknown` only if the evidence supports nothing better.");
        sb.AppendLine("- `node` is the node the cause is about (e.g. n2), or null when the cause is cluster-wide.");
        sb.AppendLine("- Cite real values. Every supportingEvidence item names its `source` (probe, process, metric, log, ticket or history) and quotes the value, log message or probe result it rests on. Do not invent facts.");
        sb.AppendLine("- Distinguish look-alikes explicitly: connection refused vs timeout, pid gone vs process stopped (SIGSTOP), disk full (NOSPACE alarm) vs slow disk (high fsync latency), a single node down vs quorum lost.");
        sb.AppendLine("- `alternatives`: at least 2 other hypotheses you considered, each with supporting and contradicting evidence and a conclusion (ruled out / less likely / cannot be excluded, and why).");
        sb.AppendLine("- `confidenceScore` between 0 and 1: ≥ 0.8 only when the evidence is direct; lower it when key evidence is missing.");
        sb.AppendLine("- `recommendedAction` in prose, plus copy-paste shell `commands` an operator can run; prefer safe, reversible steps first.");
        sb.AppendLine("- `risks`: what could go wrong acting, or not acting, on this diagnosis.");
        sb.AppendLine("- `severity`: info, warning or critical.");
        sb.AppendLine("- Reply with one JSON object only: no Markdown, no code fences, no prose around it.");
        sb.AppendLine("Fields: cause, node, primaryDiagnosis, confidenceScore, severity, supportingEvidence[{source, detail}], alternatives[{hypothesis, supporting[], contradicting[], conclusion}], recommendedAction, commands[], risks[], affectedComponents[].");
        if (_schemaInPrompt is not null)
        {
            sb.AppendLine();
            sb.AppendLine("The reply must conform to this JSON schema:");
            sb.AppendLine(_schemaInPrompt);
        }

        return _redactor.Redact(sb.ToString());
    }

    public string User(DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var sb = new StringBuilder();
        var t = context.Ticket;
        sb.AppendLine(CultureInfo.InvariantCulture, $"## Ticket #{t.Id} {t.Key} (subject {t.Subject})");
        sb.AppendLine(CultureInfo.InvariantCulture, $"status={t.Status.ToWire()} severity={t.Severity.ToWire()} node={t.Node ?? "-"} occurrences={t.Occurrences} first={Timestamps.ToWire(t.FirstSeenAt)} last={Timestamps.ToWire(t.LastSeenAt)}{(t.Held ? " held" : "")}{(t.Flapping ? " flapping" : "")}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"message: {t.Message}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"snapshot at violation: {Compact(t.Snapshot, MaxSnapshotChars)}");

        sb.AppendLine();
        RenderObservation(sb, context.Now);

        sb.AppendLine();
        var node = t.Node ?? "-";
        sb.AppendLine(CultureInfo.InvariantCulture, $"## Process of {node}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"pid={context.Pid?.ToString(CultureInfo.InvariantCulture) ?? "unknown"} state={context.Process.ToString().ToLowerInvariant()}");

        sb.AppendLine();
        RenderLogs(sb, $"## Last log lines of {node}", context.NodeLogs);
        sb.AppendLine();
        RenderLogs(sb, $"## Peer log lines mentioning {node}", context.PeerLogs);

        sb.AppendLine();
        sb.AppendLine("## Similar past tickets");
        if (context.SimilarTickets.Count == 0)
        {
            sb.AppendLine("(none)");
        }

        foreach (var similar in context.SimilarTickets)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- #{similar.Id} {similar.Key} {similar.Status.ToWire()} first={Timestamps.ToWire(similar.FirstSeenAt)}: {Truncate(similar.Message, MaxFieldChars)}");
            var d = DiagnosisJson.TryDeserialize(similar.Diagnosis);
            sb.AppendLine(d is null
                ? "  diagnosis: (none)"
                : string.Create(CultureInfo.InvariantCulture, $"  diagnosis: cause={d.Cause} node={d.Node ?? "-"} confidence={d.ConfidenceScore:0.##} engine={d.Engine}: {Truncate(d.PrimaryDiagnosis, MaxFieldChars)}"));
        }

        sb.AppendLine();
        sb.AppendLine("Diagnose this ticket. Reply with the JSON object only.");
        return _redactor.Redact(sb.ToString());
    }

    /// <summary>The follow-up message after an invalid reply: what was wrong, and the instruction to answer again.</summary>
    public string Repair(IReadOnlyList<string> errors)
    {
        var sb = new StringBuilder();
        sb.AppendLine("Your previous reply was not a valid diagnosis:");
        foreach (var e in errors)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"- {e}");
        }

        sb.AppendLine("Reply again with the corrected JSON object only.");
        return _redactor.Redact(sb.ToString());
    }

    /// <summary>A previous reply, redacted and shortened, to be replayed as the assistant turn of a repair.</summary>
    public string Echo(string reply) => _redactor.Redact(Truncate(reply, 8000));

    private static void RenderObservation(StringBuilder sb, Observation now)
    {
        sb.AppendLine(CultureInfo.InvariantCulture, $"## Fresh observation at {Timestamps.ToWire(now.At)} (took {now.Duration.TotalMilliseconds:0} ms)");
        if (now.Facts.Count > 0)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"cluster: {Pairs(now.Facts.Select(kv => (kv.Key, kv.Value)))}");
        }

        foreach (var n in now.Nodes)
        {
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"- {n.Name} ({n.Role}) {n.State.ToWire()}{(n.IsLeader ? " leader" : "")} addr={n.Address}");
            line.Append(CultureInfo.InvariantCulture, $" pid={n.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-"} process={n.Process.ToString().ToLowerInvariant()} probe={n.ProbeLatency.TotalMilliseconds:0}ms");
            if (n.Error is not null)
            {
                line.Append(CultureInfo.InvariantCulture, $" error=\"{Truncate(n.Error, MaxFieldChars)}\"");
            }

            if (n.Metrics.Count > 0)
            {
                line.Append(CultureInfo.InvariantCulture, $" metrics: {Pairs(n.Metrics.Select(kv => (kv.Key, kv.Value.ToString("G6", CultureInfo.InvariantCulture))))}");
            }

            if (n.Facts.Count > 0)
            {
                line.Append(CultureInfo.InvariantCulture, $" facts: {Pairs(n.Facts.Select(kv => (kv.Key, kv.Value)))}");
            }

            sb.AppendLine(line.ToString());
        }

        foreach (var error in now.Errors)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"observer error: {Truncate(error, MaxFieldChars)}");
        }
    }

    private static void RenderLogs(StringBuilder sb, string title, IReadOnlyList<LogLine> lines)
    {
        sb.AppendLine(title);
        if (lines.Count == 0)
        {
            sb.AppendLine("(none)");
            return;
        }

        if (lines.Count > MaxLogLines)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"({lines.Count - MaxLogLines} older lines omitted)");
        }

        foreach (var l in lines.Skip(Math.Max(0, lines.Count - MaxLogLines)))
        {
            var at = l.At is { } a ? Timestamps.ToWire(a) : "-";
            var fields = l.Fields.Count == 0 ? "" : " " + Pairs(l.Fields.Select(kv => (kv.Key, kv.Value)));
            sb.AppendLine(CultureInfo.InvariantCulture, $"{at} {l.Node} {l.Level} {l.Source}: {Truncate(l.Message, MaxFieldChars)}{fields}");
        }
    }

    private static string Pairs(IEnumerable<(string Key, string Value)> pairs) =>
        string.Join(' ', pairs.Select(p => $"{p.Key}={Truncate(p.Value, MaxFieldChars)}"));

    private static string Compact(string json, int max)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "{}";
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            return Truncate(JsonSerializer.Serialize(doc.RootElement), max);
        }
        catch (JsonException)
        {
            return Truncate(json, max);
        }
    }

    private static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
