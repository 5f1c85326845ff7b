using Operator.Tui.State;
using Operator.Tui.Views;
using Spectre.Console;

namespace Operator.Tui.Tests.Views;

public sealed class SparklineTests
{
    [Fact]
    public void Draws_one_bar_per_point_up_to_its_width()
    {
        var points = Sample.Steady(10);
        var screen = AnsiScreen.Render(new Sparkline(points, WorkloadAssessment.Assess(points), width: 60), 80, 1);
        Assert.Equal(new string('█', 10), screen.Lines[0].TrimEnd());

        var narrow = AnsiScreen.Render(new Sparkline(Sample.Steady(100), WorkloadAssessment.None, width: 25), 80, 1);
        Assert.Equal(25, narrow.Lines[0].TrimEnd().Length);
    }

    [Fact]
    public void Shows_the_newest_points_when_there_are_more_than_fit()
    {
        // Ten zeros then ten full seconds: only the newest five fit, and they are all full.
        var points = Enumerable.Range(1, 20).Select(s => new WorkloadPoint(s, s > 10 ? 1000 : 0, 1, 0)).ToList();
        var screen = AnsiScreen.Render(new Sparkline(points, WorkloadAssessment.None, width: 5), 80, 1);
        Assert.Equal("█████", screen.Lines[0].TrimEnd());
    }

    [Fact]
    public void Bars_are_scaled_to_the_baseline_so_a_dip_reads_as_a_dip()
    {
        var points = Sample.Steady(20);
        points.Add(new WorkloadPoint(21, 500, 3, 0));
        var screen = AnsiScreen.Render(new Sparkline(points, WorkloadAssessment.Assess(points), width: 3), 80, 1);
        Assert.Equal("██▄", screen.Lines[0].TrimEnd());
    }

    [Fact]
    public void Bars_turn_red_where_throughput_drops_below_half_the_baseline()
    {
        var points = Sample.Steady(20);
        points.Add(new WorkloadPoint(21, 100, 80, 0));
        points.Add(new WorkloadPoint(22, 0, null, 7));
        var screen = AnsiScreen.Render(new Sparkline(points, WorkloadAssessment.Assess(points), width: 22), 80, 1);

        var line = screen.Lines[0].TrimEnd();
        Assert.Equal(22, line.Length);
        Assert.Equal("▁▁", line[^2..]);
        Assert.Equal(AnsiScreen.Fg(Color.Green), screen.At("█").Foreground);
        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("▁").Foreground);
    }

    [Fact]
    public void A_taller_sparkline_spans_its_height_in_rows()
    {
        var points = new List<WorkloadPoint> { new(1, 1000, 1, 0), new(2, 500, 1, 0) };
        var screen = AnsiScreen.Render(new Sparkline(points, WorkloadAssessment.None, width: 10, height: 2), 80, 2);
        Assert.Equal("█", screen.Lines[0].TrimEnd());
        Assert.Equal("██", screen.Lines[1].TrimEnd());
    }

    [Fact]
    public void Nothing_to_draw_is_empty_not_an_error()
    {
        var screen = AnsiScreen.Render(new Sparkline([], null, width: 10), 20, 1);
        Assert.Equal(string.Empty, screen.Text.Trim());
        var odd = AnsiScreen.Render(new Sparkline([new WorkloadPoint(1, double.NaN, null, 0), new WorkloadPoint(2, -5, null, 0)], null, width: -3), 20, 1);
        Assert.Equal(string.Empty, odd.Text.Trim());
    }
}
