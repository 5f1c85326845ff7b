using System.Globalization;
using Operator.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Operator.Tui.Views;

/// <summary>
/// WORKLOAD: the throughput sparkline over the recent seconds, current ops/s, p99, errors and baseline. Border and
/// headline are green while healthy, red while degraded, neutral while warming up or idle.
/// </summary>
public static class WorkloadPanelView
{
    public const string Title = "WORKLOAD";

    /// <summary>The chart grows with the panel up to this many rows; beyond that, extra height is left to other panels.</summary>
    public const int MaxChartRows = 12;

    private const string Separator = " · ";

    /// <param name="state">Points, assessment and the generator's status.</param>
    /// <param name="width">Panel width in cells, border included.</param>
    /// <param name="height">Panel height in rows, border included.</param>
    public static IRenderable Render(WorkloadPanelState state, int width, int height)
    {
        var (status, statusColor) = Status(state);
        var failed = state is { Status: ProcessStatus.Exited, ExitCode: not 0 };
        var color = failed ? Palette.Bad : Palette.ForHealth(state?.Assessment?.Health ?? WorkloadHealth.Idle);
        var titleMarkup = PanelFrame.Title(Title, status, width, statusColor, color);
        var content = Body(state, PanelFrame.InnerWidth(width), PanelFrame.InnerRows(height));
        return PanelFrame.Create(content, titleMarkup, width, height, color);
    }

    /// <summary>Rows the panel uses at most at <paramref name="width"/>, border included (a full-height chart).</summary>
    public static int PreferredHeight(WorkloadPanelState state, int width)
    {
        var innerWidth = PanelFrame.InnerWidth(width);
        return 2 + MaxChartRows + Facts(state, innerWidth).Count + Extras(state, innerWidth).Count;
    }

    /// <summary>The headline status: health while it runs, otherwise whether it started or how it ended.</summary>
    internal static (string Text, Color? Color) Status(WorkloadPanelState? state)
    {
        if (state is null || state.Status == ProcessStatus.NotStarted)
        {
            return ("not started", Color.Grey);
        }

        if (state.Status == ProcessStatus.Exited && state.ExitCode is not 0)
        {
            var text = state.ExitCode is { } code ? string.Create(CultureInfo.InvariantCulture, $"exited with code {code}") : "exited";
            return (text, Palette.Bad);
        }

        var health = state.Assessment?.Health ?? WorkloadHealth.Idle;
        var verdict = health switch
        {
            WorkloadHealth.Healthy => "healthy",
            WorkloadHealth.Degraded => "DEGRADED",
            WorkloadHealth.Warming => "warming up",
            _ => "waiting for samples",
        };
        return state.Status == ProcessStatus.Exited ? ("finished · " + verdict, Palette.ForHealth(health)) : (verdict, Palette.ForHealth(health));
    }

    internal static IRenderable Body(WorkloadPanelState? state, int width, int rows)
    {
        var points = state?.Points ?? [];
        var facts = Facts(state, width);
        var extras = Extras(state, width);

        // The current figures first, then one chart row, then the rest; spare rows make the chart taller.
        var budget = rows;
        int Take(int wanted)
        {
            var taken = Math.Clamp(wanted, 0, budget);
            budget -= taken;
            return taken;
        }

        var shownFacts = Take(1);
        var chartRows = Take(1);
        shownFacts += Take(facts.Count - shownFacts);
        var shownExtras = Take(extras.Count);
        chartRows += Take(MaxChartRows - chartRows);

        var parts = new List<IRenderable>();
        if (chartRows > 0)
        {
            parts.Add(points.Count == 0 ? NoSamples(width, chartRows) : new Sparkline(points, state?.Assessment, width, chartRows));
        }

        var text = new List<IReadOnlyList<Segment>>();
        text.AddRange(facts.Take(shownFacts));
        text.AddRange(extras.Take(shownExtras));
        if (text.Count > 0)
        {
            parts.Add(new FixedRows(text));
        }

        return new Rows(parts);
    }

    /// <summary>The chart's place before the first second is reported: blank, with a note on its bottom row.</summary>
    private static FixedRows NoSamples(int width, int rows)
    {
        var result = new List<IReadOnlyList<Segment>>(rows);
        for (var i = 0; i < rows - 1; i++)
        {
            result.Add([]);
        }

        result.Add(FixedRows.Row(CellText.Cut("no samples yet", width), Palette.Dim));
        return new FixedRows(result);
    }

    /// <summary>ops/s, p99, errors and baseline, packed into as few rows as the width allows.</summary>
    private static List<IReadOnlyList<Segment>> Facts(WorkloadPanelState? state, int width)
    {
        var current = Newest(state);
        var assessment = state?.Assessment ?? WorkloadAssessment.None;
        var lastErrors = current?.Errors ?? 0;
        var items = new List<(string Text, Style Style)>
        {
            (current is null ? "– ops/s" : Number(current.OpsPerSec) + " ops/s", Palette.Bold),
            ("p99 " + (current?.P99Ms is { } p99 && double.IsFinite(p99) ? Millis(p99) : "–"), Palette.Plain),
            current is { Errors: null }
                ? ("errors not measured", Palette.Dim) // the figures come from the servers, which never see a client's failed requests
                : (string.Create(CultureInfo.InvariantCulture, $"errors {state?.TotalErrors ?? 0} ({lastErrors} last s)"), lastErrors > 0 ? Palette.BadBold : (state?.TotalErrors ?? 0) > 0 ? Palette.WarnText : Palette.Plain),
            ("baseline " + (assessment.Baseline is { } b && double.IsFinite(b) ? Number(b) + " ops/s" : "–"), Palette.Dim),
        };

        var rows = new List<IReadOnlyList<Segment>>();
        var row = new List<Segment>();
        var used = 0;
        foreach (var (raw, style) in items)
        {
            var text = CellText.Cut(raw, width);
            var w = CellText.Width(text);
            if (row.Count > 0 && used + Separator.Length + w > width)
            {
                rows.Add(row);
                row = [];
                used = 0;
            }

            if (row.Count > 0)
            {
                row.Add(new Segment(Separator, Palette.Dim));
                used += Separator.Length;
            }

            row.Add(new Segment(text, style));
            used += w;
        }

        rows.Add(row);
        return rows;
    }

    /// <summary>What runs and the last error, one row each.</summary>
    private static List<IReadOnlyList<Segment>> Extras(WorkloadPanelState? state, int width)
    {
        var rows = new List<IReadOnlyList<Segment>>();
        if (!string.IsNullOrWhiteSpace(state?.Describe))
        {
            rows.Add(FixedRows.Row(CellText.Cut(CellText.Clean(state.Describe), width), Palette.Dim));
        }

        if (!string.IsNullOrWhiteSpace(state?.LastError))
        {
            rows.Add(FixedRows.Row(CellText.Cut("last error: " + CellText.Clean(state.LastError, width * 2), width), Palette.BadText));
        }

        return rows;
    }

    /// <summary>The newest point, tolerating a state whose list is missing (<see cref="WorkloadPanelState.Current"/> would throw).</summary>
    internal static WorkloadPoint? Newest(WorkloadPanelState? state) =>
        state?.Points is { Count: > 0 } points ? points[^1] : null;

    private static string Number(double value) =>
        double.IsFinite(value) ? Math.Round(value).ToString("#,0", CultureInfo.InvariantCulture) : "–";

    private static string Millis(double ms) =>
        (ms < 10 ? ms.ToString("0.0#", CultureInfo.InvariantCulture) : ms < 100 ? ms.ToString("0.0", CultureInfo.InvariantCulture) : Math.Round(ms).ToString("#,0", CultureInfo.InvariantCulture)) + " ms";
}
