using System.Globalization;
using System.Text;
using System.Text.Json;
using Operator.Eval.Scoring;

namespace Operator.Eval.Reports;

/// <summary>Two evaluation runs side by side, fault by fault and overall: the figures each goal is judged on.</summary>
public static class CompareReport
{
    /// <summary>A Markdown table: one row per fault present in either run, then overall; A, B and the change.</summary>
    public static string Markdown((string Name, EvalSummary Summary) a, (string Name, EvalSummary Summary) b)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# {a.Name} vs {b.Name}");
        sb.AppendLine();
        sb.AppendLine("| fault | own invariant A | own invariant B | detect p50 A | detect p50 B | cause right A | cause right B | confident-wrong A | confident-wrong B |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (fault, left, right) in Rows(a.Summary, b.Summary))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {fault} | {Rate(left?.DetectedByOwnInvariant)} | {Rate(right?.DetectedByOwnInvariant)} | {ReportFormat.Duration(left?.TimeToDetect.Median)} | {ReportFormat.Duration(right?.TimeToDetect.Median)} | {Rate(left?.CauseCorrect)} | {Rate(right?.CauseCorrect)} | {Count(left?.ConfidentAndWrong)} | {Count(right?.ConfidentAndWrong)} |");
        }

        return sb.ToString();
    }

    /// <summary>The same as JSON: <c>{"a":NAME,"b":NAME,"faults":[{"fault","a":{…},"b":{…}}]}</c>, figures per side under the run report's camelCase names (rates as fractions, times in ms).</summary>
    public static string Json((string Name, EvalSummary Summary) a, (string Name, EvalSummary Summary) b)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("a", a.Name);
            writer.WriteString("b", b.Name);
            writer.WriteStartArray("faults");
            foreach (var (fault, left, right) in Rows(a.Summary, b.Summary))
            {
                writer.WriteStartObject();
                writer.WriteString("fault", fault);
                Side(writer, "a", left);
                Side(writer, "b", right);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static IEnumerable<(string Fault, FaultSummary? A, FaultSummary? B)> Rows(EvalSummary a, EvalSummary b)
    {
        var faults = a.Faults.Select(f => f.Fault).Concat(b.Faults.Select(f => f.Fault)).Distinct(StringComparer.Ordinal);
        foreach (var fault in faults)
        {
            yield return (fault, a.Faults.FirstOrDefault(f => f.Fault == fault), b.Faults.FirstOrDefault(f => f.Fault == fault));
        }

        yield return (FaultSummary.Overall, a.Overall, b.Overall);
    }

    private static void Side(Utf8JsonWriter writer, string name, FaultSummary? s)
    {
        if (s is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteNumber("trials", s.Trials);
        writer.WriteNumber("contaminated", s.Contaminated);
        WriteRate(writer, "detectedByOwnInvariant", s.DetectedByOwnInvariant);
        WriteRate(writer, "rightNode", s.RightNode);
        WriteRate(writer, "causeCorrect", s.CauseCorrect);
        writer.WriteNumber("confidentAndWrong", s.ConfidentAndWrong);
        WriteMs(writer, "timeToDetectMedianMs", s.TimeToDetect.Median);
        WriteMs(writer, "timeToDetectP90Ms", s.TimeToDetect.P90);
        WriteMs(writer, "timeToDiagnoseMedianMs", s.TimeToDiagnose.Median);
        WriteMs(writer, "timeToRecoverMedianMs", s.TimeToRecover.Median);
        writer.WriteNumber("extraTickets", s.ExtraTickets);
        writer.WriteEndObject();
    }

    private static void WriteRate(Utf8JsonWriter writer, string name, Rate rate)
    {
        if (rate.Value is { } v)
        {
            writer.WriteNumber(name, Math.Round(v, 4));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteMs(Utf8JsonWriter writer, string name, TimeSpan? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, Math.Round(v.TotalMilliseconds, 1));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Rate(Rate? rate) => rate is null ? "–" : ReportFormat.Rate(rate);

    private static string Count(int? count) => count?.ToString(CultureInfo.InvariantCulture) ?? "–";
}
