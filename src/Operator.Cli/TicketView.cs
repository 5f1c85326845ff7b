using System.Globalization;
using System.Text;
using System.Text.Json;
using Operator.Core.Invariants;
using Operator.Core.Tickets;
using Operator.Core.Time;

namespace Operator.Cli;

/// <summary>Human renderings of tickets for the terminal: pure functions of the data.</summary>
internal static class TicketView
{
    public static string List(IReadOnlyList<Ticket> tickets, TicketFilter filter)
    {
        if (tickets.Count == 0)
        {
            return $"no {filter.ToWire()} tickets{(filter == TicketFilter.All ? string.Empty : " (see all with --status all)")}{Environment.NewLine}";
        }

        var sb = new StringBuilder();
        var rows = tickets.Select(t => new[]
        {
            $"#{t.Id}",
            t.Status.ToWire() + (t.Held ? " held" : string.Empty) + (t.Flapping ? " flapping" : string.Empty),
            t.Severity.ToWire(),
            t.Key,
            Timestamps.ToWire(t.FirstSeenAt),
            $"x{t.Occurrences}",
            t.Message,
        }).ToList();
        string[] header = ["ID", "STATUS", "SEVERITY", "INVARIANT:TARGET", "FIRST SEEN (UTC)", "SEEN", "MESSAGE"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        void Row(string[] cells) => sb.AppendLine(string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        Row(header);
        rows.ForEach(Row);
        return sb.ToString();
    }

    public static string Show(Ticket t, IReadOnlyList<TicketEvent> events)
    {
        var sb = new StringBuilder();
        var flags = (t.Held ? ", held" : string.Empty) + (t.Flapping ? ", flapping" : string.Empty);
        sb.AppendLine(CultureInfo.InvariantCulture, $"Ticket #{t.Id}  {t.Key}  [{t.Severity.ToWire()}]  {t.Status.ToWire()}{flags}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  {t.Message}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"  subject      {t.Subject}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  node         {t.Node ?? "(cluster-wide)"}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  first seen   {Timestamps.ToWire(t.FirstSeenAt)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  last seen    {Timestamps.ToWire(t.LastSeenAt)}  ({t.Occurrences} monitor cycles)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  resolved     {(t.ResolvedAt is { } r ? $"{Timestamps.ToWire(r)} (after {DurationText.Format(r - t.FirstSeenAt)})" : "-")}");

        sb.AppendLine();
        sb.AppendLine("Snapshot at violation time");
        foreach (var line in SnapshotLines(t.Snapshot))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {line}");
        }

        sb.AppendLine();
        sb.AppendLine("Diagnosis");
        sb.Append(t.Diagnosis is null
            ? "  not diagnosed yet" + Environment.NewLine
            : Core.Diagnosis.DiagnosisJson.TryDeserialize(t.Diagnosis) is { } d ? Diagnosis(d) : $"  (unreadable diagnosis) {t.Diagnosis}{Environment.NewLine}");

        sb.AppendLine();
        sb.AppendLine("History");
        foreach (var e in events)
        {
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {Timestamps.ToWire(e.At)}  {e.Kind,-16} {e.Detail}").TrimEnd());
        }

        return sb.ToString();
    }

    /// <summary>A diagnosis for a human: cause and confidence, evidence with sources, alternatives, action, risks.</summary>
    public static string Diagnosis(Core.Diagnosis.Diagnosis d)
    {
        var sb = new StringBuilder();
        var by = d.Model is null ? d.Engine : $"{d.Engine} ({d.Model})";
        sb.AppendLine(CultureInfo.InvariantCulture, $"  {d.PrimaryDiagnosis}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  cause {d.Cause}{(d.Node is null ? string.Empty : $" on {d.Node}")}, confidence {d.Confidence} ({d.ConfidenceScore:0.00}), severity {d.Severity}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"  by {by} in {d.LatencyMs:0} ms at {Timestamps.ToWire(d.CreatedAt)}{(d.InputTokens is { } i ? $", {i}+{d.OutputTokens} tokens" : string.Empty)}");
        if (d.SupportingEvidence.Count > 0)
        {
            sb.AppendLine("  Evidence");
            foreach (var e in d.SupportingEvidence)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    [{e.Source}] {e.Detail}{(e.At is { } at ? $" ({Timestamps.TimeOfDay(at)})" : string.Empty)}");
            }
        }

        if (d.Alternatives.Count > 0)
        {
            sb.AppendLine("  Alternatives considered");
            foreach (var a in d.Alternatives)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"    {a.Hypothesis}: {a.Conclusion}");
                foreach (var s in a.Supporting)
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"      + {s}");
                }

                foreach (var c in a.Contradicting)
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"      - {c}");
                }
            }
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"  Recommended: {d.RecommendedAction}");
        foreach (var c in d.Commands)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"    $ {c}");
        }

        foreach (var r in d.Risks)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  Risk: {r}");
        }

        return sb.ToString();
    }

    /// <summary>Flattens the snapshot JSON into <c>key: value</c> lines; per-node lists become one line per node.</summary>
    private static IEnumerable<string> SnapshotLines(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return [json];
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [doc.RootElement.GetRawText()];
            }

            var lines = new List<string>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                switch (p.Value.ValueKind)
                {
                    case JsonValueKind.Array when p.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object):
                        lines.Add($"{p.Name}:");
                        lines.AddRange(p.Value.EnumerateArray().Select(e => "  " + Inline(e)));
                        break;
                    case JsonValueKind.Object:
                        lines.Add($"{p.Name}: {Inline(p.Value)}");
                        break;
                    default:
                        lines.Add($"{p.Name}: {Scalar(p.Value)}");
                        break;
                }
            }

            return lines;
        }
    }

    private static string Inline(JsonElement e) =>
        string.Join(", ", e.EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null).Select(p => $"{p.Name}={Scalar(p.Value)}"));

    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? string.Empty,
        JsonValueKind.Null => "-",
        _ => e.GetRawText(),
    };
}
