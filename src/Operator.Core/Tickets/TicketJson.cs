using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Operator.Core.Invariants;
using Operator.Core.Time;

namespace Operator.Core.Tickets;

/// <summary>
/// The JSON contract of <c>tickets list --json</c> (an array of tickets) and <c>tickets show --json</c> (one ticket
/// plus <c>events</c>), and the serialisation of violation snapshots.
/// </summary>
public static class TicketJson
{
    /// <summary>One ticket object; with <paramref name="events"/> it also has an <c>events</c> array.</summary>
    public static void WriteTicket(Utf8JsonWriter writer, Ticket ticket, IReadOnlyList<TicketEvent>? events = null)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", ticket.Id);
        writer.WriteString("subject", ticket.Subject);
        writer.WriteString("invariant", ticket.Invariant);
        writer.WriteString("target", ticket.Target);
        writer.WriteString("node", ticket.Node);
        writer.WriteString("status", ticket.Status.ToWire());
        writer.WriteString("severity", ticket.Severity.ToWire());
        writer.WriteString("message", ticket.Message);
        writer.WriteString("firstSeenAt", Timestamps.ToWire(ticket.FirstSeenAt));
        writer.WriteString("lastSeenAt", Timestamps.ToWire(ticket.LastSeenAt));
        writer.WriteString("resolvedAt", Timestamps.ToWire(ticket.ResolvedAt));
        writer.WriteNumber("occurrences", ticket.Occurrences);
        writer.WriteBoolean("held", ticket.Held);
        writer.WriteBoolean("flapping", ticket.Flapping);
        writer.WritePropertyName("snapshot");
        WriteStoredJson(writer, ticket.Snapshot);
        writer.WritePropertyName("diagnosis");
        WriteStoredJson(writer, ticket.Diagnosis);
        if (events is not null)
        {
            writer.WriteStartArray("events");
            foreach (var e in events)
            {
                writer.WriteStartObject();
                writer.WriteString("at", Timestamps.ToWire(e.At));
                writer.WriteString("kind", e.Kind);
                writer.WriteString("detail", e.Detail);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary><c>tickets show --json</c>.</summary>
    public static string ToJson(Ticket ticket, IReadOnlyList<TicketEvent>? events = null, bool indented = false) =>
        Write(indented, w => WriteTicket(w, ticket, events));

    /// <summary><c>tickets list --json</c>: an array of ticket objects.</summary>
    public static string ToJson(IReadOnlyList<Ticket> tickets, bool indented = false) =>
        Write(indented, w =>
        {
            w.WriteStartArray();
            foreach (var ticket in tickets)
            {
                WriteTicket(w, ticket);
            }

            w.WriteEndArray();
        });

    /// <summary>
    /// A violation snapshot as a JSON object. Numbers, strings, booleans, nulls, sequences and nested dictionaries
    /// map directly; times use <see cref="Timestamps.ToWire(DateTimeOffset)"/>; non-finite doubles become strings.
    /// </summary>
    public static string SnapshotToJson(IReadOnlyDictionary<string, object?> snapshot) =>
        Write(false, w => WriteValue(w, snapshot));

    private static string Write(bool indented, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStoredJson(Utf8JsonWriter writer, string? json)
    {
        if (json is null)
        {
            writer.WriteNullValue();
            return;
        }

        using var document = JsonDocument.Parse(json);
        document.RootElement.WriteTo(writer);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case float f:
                WriteDouble(writer, f);
                break;
            case decimal m:
                writer.WriteNumberValue(m);
                break;
            case long or int or short or sbyte or byte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong u:
                writer.WriteNumberValue(u);
                break;
            case DateTimeOffset at:
                writer.WriteStringValue(Timestamps.ToWire(at));
                break;
            case DateTime dt:
                writer.WriteStringValue(Timestamps.ToWire(new DateTimeOffset(dt.ToUniversalTime())));
                break;
            case TimeSpan span:
                writer.WriteNumberValue(span.TotalSeconds);
                break;
            case Enum e:
                writer.WriteStringValue(e.ToString());
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonNode node:
                node.WriteTo(writer);
                break;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                WriteObject(writer, pairs.Select(p => (p.Key, p.Value)));
                break;
            case IDictionary dictionary:
                WriteObject(writer, dictionary.Cast<DictionaryEntry>()
                    .Select(e => (Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? string.Empty, e.Value)));
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                JsonSerializer.Serialize(writer, value, value.GetType());
                break;
        }
    }

    private static void WriteObject(Utf8JsonWriter writer, IEnumerable<(string Key, object? Value)> entries)
    {
        writer.WriteStartObject();
        foreach (var (key, item) in entries)
        {
            writer.WritePropertyName(key);
            WriteValue(writer, item);
        }

        writer.WriteEndObject();
    }

    private static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
        }
    }
}
