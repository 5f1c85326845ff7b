using Operator.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Operator.Tui.Views;

/// <summary>
/// NARRATION: the chapter (<c>[3/8] Fault injection</c>) in the title, what is happening, where to look, the
/// chapter's status (red when it failed), a countdown banner while one runs, and the keys on the bottom row.
/// </summary>
public static class NarrationPanelView
{
    public const string Title = "NARRATION";

    /// <summary>The keys row while the chapter's action runs and the state names no keys: advancing waits for it.</summary>
    public const string BusyKeys = "working… (SPACE waits until this finishes) · Q quit";

    private const int MaxStatusRows = 2;
    private const int MaxWatchRows = 2;

    /// <param name="state">The chapter and what it says now.</param>
    /// <param name="width">Panel width in cells, border included.</param>
    /// <param name="height">Panel height in rows, border included.</param>
    public static IRenderable Render(NarrationState state, int width, int height)
    {
        var chapter = state is null
            ? null
            : state.Progress + " " + CellText.Clean(state.Title);
        var titleMarkup = PanelFrame.Title(Title, chapter, width, Color.Aqua);
        var rows = Body(state, PanelFrame.InnerWidth(width), PanelFrame.InnerRows(height));
        return PanelFrame.Create(new FixedRows(rows), titleMarkup, width, height, state?.Failed == true ? Palette.Bad : null);
    }

    internal static List<IReadOnlyList<Segment>> Body(NarrationState? state, int width, int rows)
    {
        var text = CellText.Wrap(CellText.Clean(state?.Text), width);
        if (text.Count == 1 && text[0].Length == 0)
        {
            text.Clear();
        }

        var watch = string.IsNullOrWhiteSpace(state?.Watch) ? [] : CellText.Wrap("Watch: " + CellText.Clean(state.Watch), width, 7, MaxWatchRows);
        var failed = state?.Failed == true;
        var status = string.IsNullOrWhiteSpace(state?.Status)
            ? []
            : CellText.Wrap((failed ? "✗ " : "▸ ") + CellText.Clean(state.Status), width, 2, MaxStatusRows);
        var countdown = string.IsNullOrWhiteSpace(state?.Countdown) ? null : CellText.Clean(state.Countdown);
        var keys = state?.Busy == true && string.IsNullOrWhiteSpace(state.Keys) ? BusyKeys : CellText.Clean(state?.Keys);

        // Spend rows by importance: keys, countdown, status, a line of text, watch; then the rest of each.
        var budget = rows;
        int Take(int wanted)
        {
            var taken = Math.Clamp(wanted, 0, budget);
            budget -= taken;
            return taken;
        }

        var keyRows = Take(1);
        var countdownRows = Take(countdown is null ? 0 : 1);
        var statusRows = Take(Math.Min(1, status.Count));
        var textRows = Take(Math.Min(1, text.Count));
        var watchRows = Take(Math.Min(1, watch.Count));
        textRows += Take(text.Count - textRows);
        statusRows += Take(status.Count - statusRows);
        watchRows += Take(watch.Count - watchRows);

        // A countdown with room to spare becomes a three-row banner.
        var bannerPad = countdownRows > 0 && budget >= 2 ? Take(2) / 2 : 0;

        var result = new List<IReadOnlyList<Segment>>();
        if (countdownRows > 0)
        {
            var banner = CellText.Cut("▶▶  " + countdown + "  ◀◀", width);
            var left = Math.Max(0, (width - CellText.Width(banner)) / 2);
            var line = CellText.Fit(new string(' ', left) + banner, width);
            for (var i = 0; i < bannerPad; i++)
            {
                result.Add(FixedRows.Row(new string(' ', width), Palette.Banner));
            }

            result.Add(FixedRows.Row(line, Palette.Banner));
            for (var i = 0; i < bannerPad; i++)
            {
                result.Add(FixedRows.Row(new string(' ', width), Palette.Banner));
            }
        }

        AddRows(result, CellText.Keep(text, textRows, width), Palette.Plain);
        AddRows(result, CellText.Keep(watch, watchRows, width), Palette.Accent);
        AddRows(result, CellText.Keep(status, statusRows, width), failed ? Palette.BadBold : Palette.GoodText);

        if (keyRows > 0)
        {
            // Keys sit on the bottom row, wherever the text ends.
            while (result.Count < rows - 1)
            {
                result.Add([]);
            }

            result.Add(FixedRows.Row(CellText.Cut(keys, width), state?.Busy == true ? Palette.WarnText : Palette.Dim));
        }

        return result;
    }

    private static void AddRows(List<IReadOnlyList<Segment>> result, List<string> rows, Style style)
    {
        foreach (var row in rows)
        {
            result.Add(FixedRows.Row(row, style));
        }
    }
}
