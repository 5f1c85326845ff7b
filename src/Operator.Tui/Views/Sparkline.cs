using Operator.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Operator.Tui.Views;

/// <summary>
/// Workload throughput as <c>▁▂▃▄▅▆▇█</c> bars, one per second, newest on the right: green normally, red where the
/// assessment calls the second low. Bars are scaled to the larger of the visible maximum and the baseline, so a
/// healthy run reads as "full" and a dip reads as a dip. Spans <see cref="Height"/> rows for a taller chart.
/// </summary>
public sealed class Sparkline : Renderable
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    private readonly IReadOnlyList<WorkloadPoint> _points;
    private readonly WorkloadAssessment _assessment;

    /// <param name="points">Points oldest first; only the newest <paramref name="width"/> are drawn.</param>
    /// <param name="assessment">Baseline (for scale) and the low-point rule (for colour).</param>
    /// <param name="width">Most bars to draw.</param>
    /// <param name="height">Rows the chart spans (1 for a classic one-line sparkline).</param>
    public Sparkline(IReadOnlyList<WorkloadPoint>? points, WorkloadAssessment? assessment, int width, int height = 1)
    {
        _points = points ?? [];
        _assessment = assessment ?? WorkloadAssessment.None;
        Width = Math.Max(0, width);
        Height = Math.Max(1, height);
    }

    /// <summary>Most bars drawn.</summary>
    public int Width { get; }

    /// <summary>Rows the chart spans.</summary>
    public int Height { get; }

    /// <summary>Bars drawn when offered <paramref name="maxWidth"/> cells.</summary>
    public int BarCount(int maxWidth) => Math.Max(0, Math.Min(Math.Min(Width, _points.Count), maxWidth));

    protected override Measurement Measure(RenderOptions options, int maxWidth)
    {
        var bars = BarCount(maxWidth);
        return new Measurement(bars, bars);
    }

    protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
    {
        var bars = BarCount(maxWidth);
        if (bars == 0)
        {
            return [];
        }

        var first = _points.Count - bars;
        var scale = _assessment.Baseline is { } b && double.IsFinite(b) ? Math.Max(0, b) : 0;
        for (var i = first; i < _points.Count; i++)
        {
            scale = Math.Max(scale, Value(_points[i]));
        }

        // Eighths of a cell from the bottom; every bar shows at least ▁ so a zero second is still a visible (red) bar.
        var levels = Height * 8;
        var heights = new int[bars];
        var low = new bool[bars];
        for (var i = 0; i < bars; i++)
        {
            var point = _points[first + i];
            var fraction = scale > 0 ? Value(point) / scale : 0;
            heights[i] = Math.Clamp((int)Math.Round(fraction * levels), 1, levels);
            low[i] = point is not null && _assessment.IsLow(point);
        }

        var good = new Style(Palette.Good);
        var bad = new Style(Palette.Bad);
        var result = new List<Segment>();
        var run = new System.Text.StringBuilder(bars);
        for (var row = Height - 1; row >= 0; row--)
        {
            var floor = row * 8;
            var runLow = low[0];
            for (var i = 0; i < bars; i++)
            {
                if (low[i] != runLow)
                {
                    result.Add(new Segment(run.ToString(), runLow ? bad : good));
                    run.Clear();
                    runLow = low[i];
                }

                var cell = Math.Clamp(heights[i] - floor, 0, 8);
                run.Append(cell == 0 ? ' ' : Blocks[cell - 1]);
            }

            result.Add(new Segment(run.ToString(), runLow ? bad : good));
            run.Clear();
            if (row > 0)
            {
                result.Add(Segment.LineBreak);
            }
        }

        return result;
    }

    private static double Value(WorkloadPoint? point) =>
        point is not null && double.IsFinite(point.OpsPerSec) && point.OpsPerSec > 0 ? point.OpsPerSec : 0;
}
