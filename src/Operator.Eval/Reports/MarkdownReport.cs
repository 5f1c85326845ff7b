using System.Globalization;
using System.Text;
using Operator.Eval.Scoring;

namespace Operator.Eval.Reports;

/// <summary>An evaluation summary as Markdown: one row per fault and the overall row, then the confusion matrix.</summary>
public static class MarkdownReport
{
    /// <summary>Renders <paramref name="summary"/> under the heading <paramref name="title"/>.</summary>
    public static string Render(string title, EvalSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# {title}\n\n");
        md.Append("Rates are successes/trials with the Wilson 95 % interval; contaminated trials (cluster not healthy after the revert) are counted but not scored.\n\n");
        md.Append("| fault | trials | detected by own invariant | time to detect (median / p90) | right node | cause correct | confident and wrong | time to diagnose (median / p90) | time to recover (median) | extra tickets |\n");
        md.Append("|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var fault in summary.Faults.Append(summary.Overall))
        {
            var name = fault.Fault == FaultSummary.Overall ? "**overall**" : $"`{fault.Fault}`";
            var trials = fault.Contaminated > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{fault.Trials} ({fault.Contaminated} contaminated)")
                : fault.Trials.ToString(CultureInfo.InvariantCulture);
            md.Append(CultureInfo.InvariantCulture, $"| {name} | {trials} | {ReportFormat.Rate(fault.DetectedByOwnInvariant)} | {ReportFormat.Duration(fault.TimeToDetect.Median)} / {ReportFormat.Duration(fault.TimeToDetect.P90)} | {ReportFormat.Rate(fault.RightNode)} | {ReportFormat.Rate(fault.CauseCorrect)} | {fault.ConfidentAndWrong} | {ReportFormat.Duration(fault.TimeToDiagnose.Median)} / {ReportFormat.Duration(fault.TimeToDiagnose.P90)} | {ReportFormat.Duration(fault.TimeToRecover.Median)} | {fault.ExtraTickets} |\n");
        }

        var m = summary.Confusion;
        md.Append("\n## Injected cause × diagnosed cause\n\n");
        md.Append("| injected \\ diagnosed | ").AppendJoin(" | ", m.Diagnosed.Select(c => $"`{c}`")).Append(" |\n");
        md.Append("|---|").Append(string.Concat(Enumerable.Repeat("---|", m.Diagnosed.Count))).Append('\n');
        foreach (var injected in m.Injected)
        {
            md.Append(CultureInfo.InvariantCulture, $"| `{injected}` | ");
            md.AppendJoin(" | ", m.Diagnosed.Select(d => Cell(m[injected, d], injected == d)));
            md.Append(" |\n");
        }

        return md.ToString();
    }

    private static string Cell(int count, bool diagonal) =>
        count == 0 ? "·" : diagonal ? string.Create(CultureInfo.InvariantCulture, $"**{count}**") : count.ToString(CultureInfo.InvariantCulture);
}
