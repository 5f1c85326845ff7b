using System.Globalization;
using System.Net;
using System.Text;
using Operator.Eval.Scoring;

namespace Operator.Eval.Reports;

/// <summary>
/// An evaluation summary as one self-contained HTML page (inline CSS and SVG, no script, nothing fetched): the
/// Markdown report's table, a strip chart of time-to-detect per fault (one dot per trial, a bar at the median), and
/// the confusion matrix shaded by each row's share.
/// </summary>
public static class HtmlReport
{
    private const int ChartWidth = 640;
    private const int RowHeight = 28;
    private const int LabelWidth = 140;

    /// <summary>Renders <paramref name="summary"/> under the heading <paramref name="title"/>.</summary>
    public static string Render(string title, EvalSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n");
        html.Append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append("tr.overall{font-weight:bold}svg text{font-size:12px}</style></head><body>\n");
        html.Append("<h1>").Append(E(title)).Append("</h1>\n");
        html.Append("<p>Rates are successes/trials with the Wilson 95 % interval; contaminated trials are counted but not scored.</p>\n");
        Table(html, summary);
        html.Append("<h2>Time to detect</h2>\n");
        Strips(html, summary);
        html.Append("<h2>Injected cause × diagnosed cause</h2>\n");
        Confusion(html, summary.Confusion);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Table(StringBuilder html, EvalSummary summary)
    {
        html.Append("<table><tr><th>fault</th><th>trials</th><th>detected by own invariant</th><th>time to detect (median / p90)</th><th>right node</th><th>cause correct</th><th>confident and wrong</th><th>time to diagnose (median)</th><th>time to recover (median)</th><th>extra tickets</th></tr>\n");
        foreach (var f in summary.Faults.Append(summary.Overall))
        {
            html.Append(f.Fault == FaultSummary.Overall ? "<tr class=\"overall\">" : "<tr>")
                .Append(Cell(f.Fault))
                .Append(Cell(string.Create(CultureInfo.InvariantCulture, $"{f.Trials}{(f.Contaminated > 0 ? $" ({f.Contaminated} contaminated)" : string.Empty)}")))
                .Append(Cell(ReportFormat.Rate(f.DetectedByOwnInvariant)))
                .Append(Cell($"{ReportFormat.Duration(f.TimeToDetect.Median)} / {ReportFormat.Duration(f.TimeToDetect.P90)}"))
                .Append(Cell(ReportFormat.Rate(f.RightNode)))
                .Append(Cell(ReportFormat.Rate(f.CauseCorrect)))
                .Append(Cell(f.ConfidentAndWrong.ToString(CultureInfo.InvariantCulture)))
                .Append(Cell(ReportFormat.Duration(f.TimeToDiagnose.Median)))
                .Append(Cell(ReportFormat.Duration(f.TimeToRecover.Median)))
                .Append(Cell(f.ExtraTickets.ToString(CultureInfo.InvariantCulture)))
                .Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Strips(StringBuilder html, EvalSummary summary)
    {
        var detected = summary.Scores.Where(s => !s.Record.Contaminated && s.TimeToDetect is not null).ToList();
        var max = detected.Count == 0 ? 1.0 : Math.Max(1.0, detected.Max(s => s.TimeToDetect!.Value.TotalMilliseconds));
        var plot = ChartWidth - LabelWidth - 20;
        var height = (summary.Faults.Count * RowHeight) + 30;
        html.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{ChartWidth}\" height=\"{height}\" role=\"img\" aria-label=\"time to detect per fault\">\n");
        for (var i = 0; i < summary.Faults.Count; i++)
        {
            var fault = summary.Faults[i];
            var y = (i * RowHeight) + (RowHeight / 2);
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 4}\">{E(fault.Fault)}</text>");
            html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{LabelWidth}\" y1=\"{y}\" x2=\"{LabelWidth + plot}\" y2=\"{y}\" stroke=\"#eee\"/>");
            foreach (var s in detected.Where(s => s.Fault == fault.Fault))
            {
                var x = LabelWidth + (s.TimeToDetect!.Value.TotalMilliseconds / max * plot);
                html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.0}\" cy=\"{y}\" r=\"4\" fill=\"#3465a4\" fill-opacity=\"0.6\"><title>trial {s.Record.Trial}: {ReportFormat.Duration(s.TimeToDetect)}</title></circle>");
            }

            if (fault.TimeToDetect.Median is { } median)
            {
                var x = LabelWidth + (median.TotalMilliseconds / max * plot);
                html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.0}\" y1=\"{y - 9}\" x2=\"{x:0.0}\" y2=\"{y + 9}\" stroke=\"#cc0000\" stroke-width=\"2\"><title>median {ReportFormat.Duration(median)}</title></line>");
            }

            html.Append('\n');
        }

        var axis = summary.Faults.Count * RowHeight;
        html.Append(CultureInfo.InvariantCulture, $"<line x1=\"{LabelWidth}\" y1=\"{axis}\" x2=\"{LabelWidth + plot}\" y2=\"{axis}\" stroke=\"#888\"/>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth}\" y=\"{axis + 16}\">0</text>");
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + plot}\" y=\"{axis + 16}\" text-anchor=\"end\">{ReportFormat.Duration(TimeSpan.FromMilliseconds(max))}</text>\n");
        html.Append("</svg>\n");
    }

    private static void Confusion(StringBuilder html, ConfusionMatrix m)
    {
        html.Append("<table><tr><th>injected \\ diagnosed</th>");
        foreach (var d in m.Diagnosed)
        {
            html.Append("<th>").Append(E(d)).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var injected in m.Injected)
        {
            var total = m.Diagnosed.Sum(d => m[injected, d]);
            html.Append("<tr>").Append(Cell(injected));
            foreach (var d in m.Diagnosed)
            {
                var count = m[injected, d];
                var share = total == 0 ? 0 : (double)count / total;
                var colour = injected == d ? "52,101,164" : "204,0,0";
                html.Append(CultureInfo.InvariantCulture, $"<td style=\"background:rgba({colour},{share * 0.6:0.00})\">{count}</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
    }

    private static string Cell(string text) => $"<td>{E(text)}</td>";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
