using System.Globalization;
using Operator.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Operator.Tui.Views;

/// <summary>The dashboard in a terminal too small for panels: one line per panel, each starting with its title.</summary>
internal static class CompactSummary
{
    private const int TitleWidth = 10;

    public static List<IReadOnlyList<Segment>> Rows(DashboardState? state, int width, int height)
    {
        var rows = new List<IReadOnlyList<Segment>>
        {
            HeaderView.Line(state?.Header, width),
            Line(ClusterPanelView.Title, Cluster(state?.Cluster), width),
            Line(WorkloadPanelView.Title, Workload(state?.Workload), width),
            Line(TitleOf(state?.Monitor, "MONITOR"), LastLine(state?.Monitor), width),
            Line(TitleOf(state?.Agent, "AGENT"), LastLine(state?.Agent), width),
            Line(NarrationPanelView.Title, Narration(state?.Narration), width),
        };

        var n = state?.Narration;
        if (!string.IsNullOrWhiteSpace(n?.Countdown))
        {
            rows.Add(FixedRows.Row(CellText.Cut(CellText.Clean(n.Countdown), width), Palette.Banner));
        }
        else if (!string.IsNullOrWhiteSpace(n?.Status))
        {
            rows.Add(FixedRows.Row(CellText.Cut(CellText.Clean(n.Status), width), n.Failed ? Palette.BadBold : Palette.GoodText));
        }

        rows.Add(FixedRows.Row(CellText.Cut(n?.Busy == true && string.IsNullOrWhiteSpace(n.Keys) ? NarrationPanelView.BusyKeys : CellText.Clean(n?.Keys ?? "Q quit"), width), Palette.Dim));

        if (rows.Count > height)
        {
            rows.RemoveRange(height, rows.Count - height);
        }

        while (rows.Count < height)
        {
            // Spaces rather than nothing, so the frame is as tall as the terminal.
            rows.Add(FixedRows.Row(new string(' ', width)));
        }

        return rows;
    }

    private static List<Segment> Line(string title, List<(string Text, Style Style)> parts, int width)
    {
        var head = CellText.Cut(title.PadRight(TitleWidth), width);
        var row = new List<Segment> { new(head, Palette.Bold) };
        var room = width - CellText.Width(head);
        foreach (var (text, style) in parts)
        {
            if (room <= 0)
            {
                break;
            }

            var cut = CellText.Cut(text, room);
            row.Add(new Segment(cut, style));
            room -= CellText.Width(cut);
        }

        return row;
    }

    private static List<(string, Style)> Cluster(ClusterPanelState? cluster)
    {
        var parts = new List<(string, Style)>();
        var nodes = cluster?.Nodes ?? [];
        if (nodes.Count == 0)
        {
            parts.Add((CellText.Clean(cluster?.Note ?? "waiting for the first observation…"), Palette.WarnText));
            return parts;
        }

        foreach (var node in nodes)
        {
            if (node is null)
            {
                continue;
            }

            var name = (node.IsLeader ? ClusterPanelView.LeaderMark : string.Empty) + CellText.Clean(node.Name);
            var style = node.Ticket is null ? Palette.Plain : Palette.Highlight;
            parts.Add((name + " ", style));
            parts.Add(("● " + ClusterPanelView.StateName(node.State) + "  ", new Style(Palette.ForState(node.State))));
        }

        return parts;
    }

    private static List<(string, Style)> Workload(WorkloadPanelState? workload)
    {
        var (status, color) = WorkloadPanelView.Status(workload);
        var ops = WorkloadPanelView.Newest(workload) is { } p && double.IsFinite(p.OpsPerSec)
            ? Math.Round(p.OpsPerSec).ToString("#,0", CultureInfo.InvariantCulture) + " ops/s · "
            : string.Empty;
        return [(ops, Palette.Bold), (status, color is { } c ? new Style(c) : Palette.Plain)];
    }

    private static List<(string, Style)> LastLine(ProcessPanelState? process)
    {
        var (status, color) = ProcessPanelView.Status(process);
        var lines = process?.Lines ?? [];
        return lines.Count == 0
            ? [(status, color is { } c ? new Style(c) : Palette.Plain)]
            : [(CellText.Clean(lines[^1], 512), ProcessLine.StyleOf(ProcessLine.Classify(lines[^1], out _, out _)))];
    }

    private static List<(string, Style)> Narration(NarrationState? narration) =>
        narration is null ? [] : [(narration.Progress + " " + CellText.Clean(narration.Title), Palette.Accent)];

    private static string TitleOf(ProcessPanelState? process, string fallback) =>
        string.IsNullOrEmpty(process?.Title) ? fallback : CellText.Clean(process.Title, 16);
}
