using System.Globalization;
using Operator.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Operator.Tui.Views;

/// <summary>
/// MONITOR and AGENT: the newest lines of a child's output that fit, oldest first, under a title that says whether
/// the child runs. Event lines (OPENED, RESOLVED, DIAGNOSED, WARNING…) are coloured and wrapped so they can be read
/// whole; heartbeat chatter is cut to one row. Output is drawn as plain text, never parsed as markup.
/// </summary>
public static class ProcessPanelView
{
    /// <summary>Rows a non-diagnosis event line may take, so a burst of warnings cannot push everything else out.</summary>
    private const int EventRows = 2;

    /// <param name="state">The child's output and status.</param>
    /// <param name="width">Panel width in cells, border included.</param>
    /// <param name="height">Panel height in rows, border included.</param>
    public static IRenderable Render(ProcessPanelState state, int width, int height)
    {
        var title = string.IsNullOrEmpty(state?.Title) ? "PROCESS" : state.Title;
        var status = Status(state);
        var failed = state is { Status: ProcessStatus.Exited, ExitCode: not 0 };
        var titleMarkup = PanelFrame.Title(title, status.Text, width, status.Color);
        var rows = Tail(state?.Lines ?? [], state?.Status ?? ProcessStatus.NotStarted, PanelFrame.InnerWidth(width), PanelFrame.InnerRows(height));
        return PanelFrame.Create(new FixedRows(rows), titleMarkup, width, height, failed ? Palette.Bad : null);
    }

    /// <summary><c>running (pid 123)</c>, <c>not started</c>, <c>exited with code 1</c> (red unless 0).</summary>
    internal static (string Text, Color? Color) Status(ProcessPanelState? state) => state?.Status switch
    {
        ProcessStatus.Running when state.Pid is { } pid => (string.Create(CultureInfo.InvariantCulture, $"running (pid {pid})"), Palette.Good),
        ProcessStatus.Running => ("running", Palette.Good),
        ProcessStatus.Exited when state.ExitCode is 0 => ("exited with code 0", Color.Grey),
        ProcessStatus.Exited when state.ExitCode is { } code => (string.Create(CultureInfo.InvariantCulture, $"exited with code {code}"), Palette.Bad),
        ProcessStatus.Exited => ("exited", Palette.Bad),
        _ => ("not started", Color.Grey),
    };

    /// <summary>The newest lines that fit in <paramref name="rows"/> rows of <paramref name="width"/> cells, oldest first.</summary>
    internal static List<IReadOnlyList<Segment>> Tail(IReadOnlyList<string?> lines, ProcessStatus status, int width, int rows)
    {
        var result = new List<IReadOnlyList<Segment>>();
        if (lines.Count == 0)
        {
            var placeholder = status switch
            {
                ProcessStatus.Running => "no output yet",
                ProcessStatus.Exited => "no output",
                _ => "starts in its chapter",
            };
            result.Add(FixedRows.Row(CellText.Cut(placeholder, width), Palette.Dim));
            return result;
        }

        var blocks = new List<List<IReadOnlyList<Segment>>>();
        var budget = rows;
        for (var i = lines.Count - 1; i >= 0 && budget > 0; i--)
        {
            var block = LineRows(lines[i], width, budget, rows);
            blocks.Add(block);
            budget -= block.Count;
        }

        for (var b = blocks.Count - 1; b >= 0; b--)
        {
            result.AddRange(blocks[b]);
        }

        return result;
    }

    private static List<IReadOnlyList<Segment>> LineRows(string? raw, int width, int budget, int panelRows)
    {
        var kind = ProcessLine.Classify(raw, out var stamp, out var keyword);
        var cap = kind switch
        {
            ProcessLineKind.Plain => 1,
            ProcessLineKind.Diagnosed => panelRows,
            _ => EventRows,
        };
        var maxRows = Math.Max(1, Math.Min(cap, budget));
        var text = CellText.Clean(raw, (width * maxRows * 2) + 64);
        stamp = Math.Min(stamp, text.Length);
        keyword = Math.Min(keyword, text.Length - stamp);

        var style = ProcessLine.StyleOf(kind);
        // Continuation rows line up after the timestamp while that leaves most of the row for text.
        var indent = stamp * 4 <= width ? stamp : 0;
        var wrapped = maxRows == 1 ? [CellText.Cut(text, width)] : CellText.Wrap(text, width, indent, maxRows);
        var result = new List<IReadOnlyList<Segment>>(wrapped.Count);
        for (var r = 0; r < wrapped.Count; r++)
        {
            var row = wrapped[r];
            if (r > 0 || kind == ProcessLineKind.Plain && stamp == 0)
            {
                result.Add(FixedRows.Row(row, style));
                continue;
            }

            // First row: a dim timestamp, the event keyword in bold, then the text in the event's colour.
            var segments = new List<Segment>(3);
            var s = Math.Min(stamp, row.Length);
            var k = Math.Min(keyword, row.Length - s);
            if (s > 0)
            {
                segments.Add(new Segment(row[..s], Palette.Dim));
            }

            if (k > 0)
            {
                segments.Add(new Segment(row.Substring(s, k), style.Combine(Palette.Bold)));
            }

            if (s + k < row.Length)
            {
                segments.Add(new Segment(row[(s + k)..], style));
            }

            result.Add(segments);
        }

        return result;
    }
}
