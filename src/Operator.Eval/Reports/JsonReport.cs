using System.Text;
using System.Text.Json;
using Operator.Eval.Scoring;

namespace Operator.Eval.Reports;

/// <summary>
/// An evaluation summary as JSON, for scripts and <c>eval compare</c>. Field names are a contract:
/// <c>title</c>, <c>faults</c> and <c>overall</c> (each <c>fault</c>, <c>trials</c>, <c>contaminated</c>, the rates
/// <c>detected</c>, <c>detectedByOwnInvariant</c>, <c>rightNode</c>, <c>causeCorrect</c> as
/// <c>{successes, trials, rate, low, high}</c>, <c>confidentAndWrong</c>, the distributions <c>timeToDetectMs</c>,
/// <c>timeToDiagnoseMs</c>, <c>timeToRecoverMs</c> as <c>{count, min, median, p90, max}</c>, <c>medianConfidence</c>,
/// <c>extraTickets</c>, <c>detectingInvariants</c>), and <c>confusion</c> (<c>injected</c>, <c>diagnosed</c>,
/// <c>counts</c>: one row per injected cause, one column per diagnosed cause). Absent values are null.
/// </summary>
public static class JsonReport
{
    /// <summary>Renders <paramref name="summary"/> as indented JSON.</summary>
    public static string Render(string title, EvalSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("title", title);
            json.WriteStartArray("faults");
            foreach (var fault in summary.Faults)
            {
                Fault(json, fault);
            }

            json.WriteEndArray();
            json.WritePropertyName("overall");
            Fault(json, summary.Overall);
            Confusion(json, summary.Confusion);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Fault(Utf8JsonWriter json, FaultSummary f)
    {
        json.WriteStartObject();
        json.WriteString("fault", f.Fault);
        json.WriteNumber("trials", f.Trials);
        json.WriteNumber("contaminated", f.Contaminated);
        Rate(json, "detected", f.Detected);
        Rate(json, "detectedByOwnInvariant", f.DetectedByOwnInvariant);
        Rate(json, "rightNode", f.RightNode);
        Rate(json, "causeCorrect", f.CauseCorrect);
        json.WriteNumber("confidentAndWrong", f.ConfidentAndWrong);
        Distribution(json, "timeToDetectMs", f.TimeToDetect);
        Distribution(json, "timeToDiagnoseMs", f.TimeToDiagnose);
        Distribution(json, "timeToRecoverMs", f.TimeToRecover);
        Number(json, "medianConfidence", f.MedianConfidence);
        json.WriteNumber("extraTickets", f.ExtraTickets);
        json.WriteStartObject("detectingInvariants");
        foreach (var (invariant, count) in f.DetectingInvariants)
        {
            json.WriteNumber(invariant, count);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Rate(Utf8JsonWriter json, string name, Rate rate)
    {
        json.WriteStartObject(name);
        json.WriteNumber("successes", rate.Successes);
        json.WriteNumber("trials", rate.Trials);
        Number(json, "rate", rate.Value);
        json.WriteNumber("low", Math.Round(rate.Low, 4));
        json.WriteNumber("high", Math.Round(rate.High, 4));
        json.WriteEndObject();
    }

    private static void Distribution(Utf8JsonWriter json, string name, Distribution d)
    {
        json.WriteStartObject(name);
        json.WriteNumber("count", d.Count);
        Number(json, "min", Ms(d.Min));
        Number(json, "median", Ms(d.Median));
        Number(json, "p90", Ms(d.P90));
        Number(json, "max", Ms(d.Max));
        json.WriteEndObject();
    }

    private static void Confusion(Utf8JsonWriter json, ConfusionMatrix m)
    {
        json.WriteStartObject("confusion");
        json.WriteStartArray("injected");
        foreach (var cause in m.Injected)
        {
            json.WriteStringValue(cause);
        }

        json.WriteEndArray();
        json.WriteStartArray("diagnosed");
        foreach (var cause in m.Diagnosed)
        {
            json.WriteStringValue(cause);
        }

        json.WriteEndArray();
        json.WriteStartArray("counts");
        foreach (var injected in m.Injected)
        {
            json.WriteStartArray();
            foreach (var diagnosed in m.Diagnosed)
            {
                json.WriteNumberValue(m[injected, diagnosed]);
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static double? Ms(TimeSpan? value) => value is { } v ? Math.Round(v.TotalMilliseconds, 1) : null;

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
