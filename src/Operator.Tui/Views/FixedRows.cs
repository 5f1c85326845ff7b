using Spectre.Console;
using Spectre.Console.Rendering;

namespace Operator.Tui.Views;

/// <summary>
/// Rows the views have already laid out to fit, drawn one per line as given. Spectre's own wrapping would change the
/// row count the views budgeted for, so rows are only ever cut (defensively) to the width actually offered.
/// </summary>
internal sealed class FixedRows : Renderable
{
    private readonly IReadOnlyList<IReadOnlyList<Segment>> _rows;

    public FixedRows(IReadOnlyList<IReadOnlyList<Segment>> rows) => _rows = rows;

    /// <summary>One row of one styled text.</summary>
    public static List<Segment> Row(string text, Style? style = null) => [new Segment(text, style ?? Style.Plain)];

    protected override Measurement Measure(RenderOptions options, int maxWidth)
    {
        var widest = 0;
        foreach (var row in _rows)
        {
            widest = Math.Max(widest, Segment.CellCount(row));
        }

        widest = Math.Clamp(widest, 0, Math.Max(0, maxWidth));
        return new Measurement(widest, widest);
    }

    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        var result = new List<Segment>();
        for (var i = 0; i < _rows.Count; i++)
        {
            if (i > 0)
            {
                result.Add(Segment.LineBreak);
            }

            var row = _rows[i];
            result.AddRange(Segment.CellCount(row) <= maxWidth ? row : Segment.Truncate(row, Math.Max(0, maxWidth)));
        }

        return result;
    }
}
