using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Operator.Core.Time;

namespace Operator.Workload;

/// <summary>
/// The <c>load run --json</c> line contract, written and read in one place. One object per line, told apart by
/// <c>type</c> (<c>start</c>, <c>interval</c>, <c>summary</c>); timestamps are ISO-8601 UTC with milliseconds;
/// latencies in milliseconds, null when an interval had no successful operation. Field names are a contract:
/// fields may be added, never renamed.
/// </summary>
public static class LoadJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(LoadEvent loadEvent)
    {
        ArgumentNullException.ThrowIfNull(loadEvent);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            switch (loadEvent)
            {
                case LoadStarted s:
                    WriteStart(json, s);
                    break;
                case LoadInterval i:
                    WriteInterval(json, i);
                    break;
                case LoadSummary s:
                    WriteSummary(json, s);
                    break;
                default:
                    throw new ArgumentException($"unknown load event {loadEvent.GetType().Name}", nameof(loadEvent));
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The event on one line, or null for anything else (blank, not JSON, unknown type, missing or mistyped fields). Never throws.</summary>
    public static LoadEvent? Parse(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !TryString(root, "type", out var type) || !TryTime(root, "at", out var at))
            {
                return null;
            }

            return type switch
            {
                "start" => ParseStart(root, at),
                "interval" => ParseInterval(root, at),
                "summary" => ParseSummary(root, at),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void WriteStart(Utf8JsonWriter json, LoadStarted s)
    {
        json.WriteString("type", "start");
        json.WriteString("at", Timestamps.ToWire(s.At));
        json.WriteString("workload", s.Workload);
        json.WriteNumber("clients", s.Clients);
        json.WriteNumber("records", s.Records);
        WriteNumberOrNull(json, "targetRate", s.TargetRate);
        json.WriteStartArray("endpoints");
        foreach (var endpoint in s.Endpoints)
        {
            json.WriteStringValue(endpoint);
        }

        json.WriteEndArray();
        json.WriteNumber("valueSize", s.ValueSize);
        WriteNumberOrNull(json, "durationSeconds", s.DurationSeconds);
        json.WriteNumber("loadSeconds", Finite(s.LoadSeconds));
    }

    private static void WriteInterval(Utf8JsonWriter json, LoadInterval i)
    {
        json.WriteString("type", "interval");
        json.WriteString("at", Timestamps.ToWire(i.At));
        json.WriteNumber("second", i.Second);
        WriteCounts(json, i.Ops, i.OpsPerSec, i.Reads, i.Updates, i.Errors, i.Latency);
        json.WriteString("lastError", i.LastError);
        json.WriteNumber("intervalSeconds", Finite(i.IntervalSeconds));
    }

    private static void WriteSummary(Utf8JsonWriter json, LoadSummary s)
    {
        json.WriteString("type", "summary");
        json.WriteString("at", Timestamps.ToWire(s.At));
        json.WriteNumber("durationSeconds", Finite(s.DurationSeconds));
        WriteCounts(json, s.Ops, s.OpsPerSec, s.Reads, s.Updates, s.Errors, s.Latency);
        json.WriteString("lastError", s.LastError);
    }

    private static void WriteCounts(Utf8JsonWriter json, long ops, double opsPerSec, long reads, long updates, long errors, LatencyFigures? latency)
    {
        json.WriteNumber("ops", ops);
        json.WriteNumber("opsPerSec", Finite(opsPerSec));
        json.WriteNumber("reads", reads);
        json.WriteNumber("updates", updates);
        json.WriteNumber("errors", errors);
        WriteNumberOrNull(json, "p50Ms", latency?.P50Ms);
        WriteNumberOrNull(json, "p99Ms", latency?.P99Ms);
        WriteNumberOrNull(json, "p999Ms", latency?.P999Ms);
        WriteNumberOrNull(json, "maxMs", latency?.MaxMs);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static LoadStarted? ParseStart(JsonElement root, DateTimeOffset at)
    {
        if (!TryString(root, "workload", out var workload) || !TryInt(root, "clients", out var clients) || !TryInt(root, "records", out var records)
            || !TryNullableDouble(root, "targetRate", out var targetRate)
            || !root.TryGetProperty("endpoints", out var endpointsElement) || endpointsElement.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var endpoints = new List<string>();
        foreach (var e in endpointsElement.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            endpoints.Add(e.GetString()!);
        }

        var valueSize = TryInt(root, "valueSize", out var v) ? v : 0;
        var duration = TryNullableDouble(root, "durationSeconds", out var d) ? d : null;
        var loadSeconds = TryDouble(root, "loadSeconds", out var l) ? l : 0;
        return new LoadStarted(at, workload, clients, records, targetRate, endpoints, valueSize, duration, loadSeconds);
    }

    private static LoadInterval? ParseInterval(JsonElement root, DateTimeOffset at)
    {
        if (!TryInt(root, "second", out var second) || !TryCounts(root, out var counts) || !TryNullableString(root, "lastError", out var lastError))
        {
            return null;
        }

        var intervalSeconds = TryDouble(root, "intervalSeconds", out var s) ? s : 1.0;
        return new LoadInterval(at, second, counts.Ops, counts.OpsPerSec, counts.Reads, counts.Updates, counts.Errors, counts.Latency, lastError, intervalSeconds);
    }

    private static LoadSummary? ParseSummary(JsonElement root, DateTimeOffset at)
    {
        if (!TryDouble(root, "durationSeconds", out var duration) || !TryCounts(root, out var counts))
        {
            return null;
        }

        var lastError = TryNullableString(root, "lastError", out var e) ? e : null;
        return new LoadSummary(at, duration, counts.Ops, counts.OpsPerSec, counts.Reads, counts.Updates, counts.Errors, counts.Latency, lastError);
    }

    private static bool TryCounts(JsonElement root, out Counts counts)
    {
        counts = default;
        if (!TryLong(root, "ops", out var ops) || !TryDouble(root, "opsPerSec", out var opsPerSec) || !TryLong(root, "reads", out var reads)
            || !TryLong(root, "updates", out var updates) || !TryLong(root, "errors", out var errors)
            || !TryNullableDouble(root, "p50Ms", out var p50) || !TryNullableDouble(root, "p99Ms", out var p99)
            || !TryNullableDouble(root, "p999Ms", out var p999) || !TryNullableDouble(root, "maxMs", out var max))
        {
            return false;
        }

        var latency = p50 is { } a && p99 is { } b && p999 is { } c && max is { } m ? new LatencyFigures(a, b, c, m) : null;
        counts = new Counts(ops, opsPerSec, reads, updates, errors, latency);
        return true;
    }

    private static bool TryString(JsonElement root, string name, out string value)
    {
        value = string.Empty;
        if (!root.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = e.GetString()!;
        return true;
    }

    private static bool TryNullableString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var e))
        {
            return false;
        }

        if (e.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (e.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = e.GetString();
        return true;
    }

    private static bool TryTime(JsonElement root, string name, out DateTimeOffset value)
    {
        value = default;
        if (!TryString(root, name, out var text))
        {
            return false;
        }

        try
        {
            value = Timestamps.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool TryLong(JsonElement root, string name, out long value)
    {
        value = 0;
        return root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out value);
    }

    private static bool TryInt(JsonElement root, string name, out int value)
    {
        value = 0;
        return root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out value);
    }

    private static bool TryDouble(JsonElement root, string name, out double value)
    {
        value = 0;
        return root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out value) && double.IsFinite(value);
    }

    private static bool TryNullableDouble(JsonElement root, string name, out double? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var e))
        {
            return false;
        }

        if (e.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (e.ValueKind == JsonValueKind.Number && e.TryGetDouble(out var v) && double.IsFinite(v))
        {
            value = v;
            return true;
        }

        return false;
    }

    private readonly record struct Counts(long Ops, double OpsPerSec, long Reads, long Updates, long Errors, LatencyFigures? Latency);
}
