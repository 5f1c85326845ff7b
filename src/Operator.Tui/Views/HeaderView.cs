using System.Globalization;
using Operator.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Operator.Tui.Views;

/// <summary>
/// The line above the panels: <c>OPERATOR chaos demo · subject etcd · engine rules · fault kill-leader · auto · 01:23</c>.
/// When it does not fit, the labels go first, then subject and fault; the engine is cut last.
/// </summary>
public static class HeaderView
{
    public const string Name = "OPERATOR";

    /// <param name="state">What is demonstrated, with which engine, for how long.</param>
    /// <param name="width">Cells available; the line never exceeds it.</param>
    public static IRenderable Render(HeaderState state, int width = int.MaxValue) =>
        new FixedRows([Line(state, Math.Max(0, width))]);

    internal static List<Segment> Line(HeaderState? state, int width)
    {
        var brand = new Segment(CellText.Cut(Name, width), new Style(Color.Black, Color.Aqua, Decoration.Bold));
        var result = new List<Segment> { brand };
        var room = width - brand.CellCount();
        if (state is null || room <= 1)
        {
            return result;
        }

        var subject = CellText.Clean(state.Subject, 64);
        var engine = CellText.Clean(state.Engine, 128);
        var fault = CellText.Clean(state.Fault, 64);
        var mode = CellText.Clean(state.Mode, 32);
        var elapsed = Elapsed(state.Elapsed);
        string[][] variants =
        [
            ["chaos demo", $"subject {subject}", $"engine {engine}", $"fault {fault}", mode, elapsed],
            ["chaos demo", subject, engine, fault, mode, elapsed],
            [engine, fault, elapsed],
            [engine, elapsed],
        ];

        var chosen = variants[^1];
        foreach (var variant in variants)
        {
            if (Width(variant) <= room)
            {
                chosen = variant;
                break;
            }
        }

        var text = " " + string.Join(" · ", chosen.Where(p => p.Length > 0));
        if (CellText.Width(text) > room)
        {
            // Only the engine is long enough to matter: shorten it and keep the clock.
            var tail = " · " + elapsed;
            text = CellText.Cut(" " + engine, Math.Max(0, room - tail.Length)) + tail;
            text = CellText.Cut(text, room);
        }

        result.Add(new Segment(text, Palette.Plain));
        return result;
    }

    /// <summary><c>01:23</c>, or <c>1:02:03</c> past an hour; never negative.</summary>
    internal static string Elapsed(TimeSpan elapsed)
    {
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }

        var hours = (long)elapsed.TotalHours;
        return hours > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours}:{elapsed.Minutes:00}:{elapsed.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{elapsed.Minutes:00}:{elapsed.Seconds:00}");
    }

    private static int Width(string[] parts)
    {
        var width = 1;
        var first = true;
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                continue;
            }

            width += (first ? 0 : 3) + CellText.Width(part);
            first = false;
        }

        return width;
    }
}
