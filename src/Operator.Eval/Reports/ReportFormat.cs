using System.Globalization;
using Operator.Eval.Scoring;

namespace Operator.Eval.Reports;

/// <summary>How figures read in a report: durations in ms or s, rates as "9/10 (90 %, 60–98 %)".</summary>
public static class ReportFormat
{
    /// <summary>"45 ms", "1.23 s", or "–" when absent.</summary>
    public static string Duration(TimeSpan? value) => value switch
    {
        null => "–",
        { TotalSeconds: < 1 } v => string.Create(CultureInfo.InvariantCulture, $"{v.TotalMilliseconds:0} ms"),
        { } v => string.Create(CultureInfo.InvariantCulture, $"{v.TotalSeconds:0.00} s"),
    };

    /// <summary>"9/10 (90 %, 60–98 %)": the count, the rate and its Wilson 95 % interval; "–" without trials.</summary>
    public static string Rate(Rate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return rate.Value is not { } value
            ? "–"
            : string.Create(CultureInfo.InvariantCulture, $"{rate.Successes}/{rate.Trials} ({value * 100:0} %, {rate.Low * 100:0}–{rate.High * 100:0} %)");
    }
}
