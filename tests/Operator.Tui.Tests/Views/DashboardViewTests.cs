using Operator.Core.Observing;
using Operator.Tui.State;
using Operator.Tui.Views;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Operator.Tui.Tests.Views;

public sealed class DashboardViewTests
{
    private static readonly string[] Titles = ["CLUSTER", "MONITOR", "AGENT", "WORKLOAD", "NARRATION"];

    /// <summary>Draws the dashboard and checks what every frame must satisfy: exactly the terminal's size, and drawn.</summary>
    private static AnsiScreen Draw(DashboardState state, int width, int height)
    {
        var screen = AnsiScreen.Render(DashboardView.Render(state, width, height), Math.Max(1, width), Math.Max(1, height));
        Assert.DoesNotContain("drawing this frame failed", screen.Text, StringComparison.Ordinal);
        Assert.Equal(Math.Max(1, height), screen.Lines.Count);
        Assert.All(screen.Lines, line => Assert.True(new Segment(line).CellCount() <= Math.Max(1, width), $"wider than {width}: {line}"));
        return screen;
    }

    [Theory]
    [InlineData(160, 45)]
    [InlineData(120, 35)]
    [InlineData(100, 30)]
    [InlineData(80, 24)]
    [InlineData(60, 15)]
    [InlineData(40, 13)]
    public void All_five_panel_titles_show_and_the_screen_fills_the_terminal_exactly(int width, int height)
    {
        var screen = Draw(Sample.Dashboard(), width, height);
        Assert.StartsWith("OPERATOR", screen.Lines[0], StringComparison.Ordinal);
        Assert.All(Titles, title => Assert.Contains(title, screen.Text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(39, 12)]
    [InlineData(30, 8)]
    [InlineData(20, 5)]
    [InlineData(1, 1)]
    public void Too_small_for_panels_shows_one_line_per_panel(int width, int height)
    {
        var screen = Draw(Sample.Dashboard(), width, height);
        if (height >= 6 && width >= 10)
        {
            Assert.All(Titles.Take(height - 1), title => Assert.Contains(title, screen.Text, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-5, -5)]
    [InlineData(80, 0)]
    [InlineData(0, 24)]
    public void Zero_or_negative_sizes_draw_something_small_instead_of_throwing(int width, int height)
    {
        var screen = AnsiScreen.Render(DashboardView.Render(Sample.Dashboard(), width, height), 80, 24);
        Assert.Equal(Math.Max(1, height), screen.Lines.Count);
    }

    [Theory]
    [InlineData(160, 45)]
    [InlineData(80, 24)]
    public void Empty_state_draws_every_panel(int width, int height)
    {
        var screen = Draw(Sample.Empty(), width, height);
        Assert.All(Titles, title => Assert.Contains(title, screen.Text, StringComparison.Ordinal));
        Assert.Contains("not started", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_members_draw_placeholders_instead_of_throwing()
    {
        var state = new DashboardState(null!, null!, null!, null!, null!, null!);
        var screen = Draw(state, 120, 35);
        Assert.All(Titles, title => Assert.Contains(title, screen.Text, StringComparison.Ordinal));

        var nulls = new DashboardState(
            new HeaderState(null!, null!, null!, TimeSpan.MinValue, null!),
            new ClusterPanelState(null!, null, null!, null, null),
            new ProcessPanelState(null!, null!, ProcessStatus.Running, null, null),
            new ProcessPanelState("AGENT", [null!], (ProcessStatus)42, null, null),
            new WorkloadPanelState(null!, null!, -1, ProcessStatus.Exited, null, null, null!),
            new NarrationState(-1, 0, null!, null!, null!, null, null, true, null!));
        Draw(nulls, 120, 35);
        Draw(nulls, 30, 8);
    }

    [Fact]
    public void Huge_strings_are_cut_to_fit()
    {
        var huge = new string('x', 200_000);
        var state = Sample.Dashboard() with
        {
            Header = new HeaderState(huge, huge, huge, TimeSpan.MaxValue, huge),
            Cluster = new ClusterPanelState([new NodeRow(huge, huge, NodeState.Down, true, huge, new TicketMark(long.MaxValue, huge, huge, huge, huge, huge))], huge, [new TicketMark(1, huge, null, huge, huge, huge)], huge, null),
            Monitor = Sample.Running(huge, [huge, "DIAGNOSED " + huge]),
            Workload = Sample.DegradedWorkload() with { Describe = huge, LastError = huge },
            Narration = new NarrationState(int.MaxValue, int.MaxValue, huge, huge, huge, huge, huge, false, huge),
        };
        Draw(state, 160, 45);
        Draw(state, 60, 15);
        Draw(state, 30, 8);
    }

    [Fact]
    public void Monitor_shows_as_many_of_the_newest_lines_as_fit()
    {
        var state = Sample.Dashboard() with { Monitor = Sample.Running("MONITOR", Sample.Heartbeats(200)) };
        var layout = DashboardLayout.For(state, 160, 45);
        var screen = Draw(state, 160, 45);

        var shown = screen.Lines.Count(l => l.Contains(" cycle ", StringComparison.Ordinal));
        Assert.Equal(layout.MonitorRows - 2, shown);
        Assert.Contains("cycle 200:", screen.Text, StringComparison.Ordinal);
        Assert.Contains($"cycle {200 - shown + 1}:", screen.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"cycle {200 - shown}:", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Taller_terminals_give_more_rows_to_the_panels()
    {
        var state = Sample.Dashboard();
        var small = DashboardLayout.For(state, 80, 24);
        var large = DashboardLayout.For(state, 160, 45);

        Assert.True(large.MonitorRows > small.MonitorRows);
        Assert.True(large.NarrationRows > small.NarrationRows);
        Assert.True(large.LeftWidth > small.LeftWidth);
        Assert.Equal(45, 1 + large.MainRows + large.NarrationRows);
        Assert.Equal(large.MainRows, large.ClusterRows + large.WorkloadRows);
        Assert.Equal(large.MainRows, large.MonitorRows + large.AgentRows);
        Assert.Equal(160, large.LeftWidth + large.RightWidth);
    }

    [Fact]
    public void Dashboard_shows_the_fault_as_the_panels_do()
    {
        var screen = Draw(Sample.Dashboard(), 160, 45);

        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("down", lineWith: "n1").Foreground);
        Assert.Equal(AnsiScreen.Bg(Color.Yellow), screen.At("#3 member_down", lineWith: "n1").Background);
        Assert.Contains("DIAGNOSED #3 member_down:n1 → process_crashed", screen.Text, StringComparison.Ordinal);
        Assert.Contains("WORKLOAD · DEGRADED", screen.Text, StringComparison.Ordinal);
        Assert.Contains("[4/8] Fault injection", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Renders_at_the_offered_width_when_the_console_is_narrower_than_asked()
    {
        var screen = AnsiScreen.Render(DashboardView.Render(Sample.Dashboard(), 160, 45), 120, 45);
        Assert.Equal(45, screen.Lines.Count);
        Assert.All(screen.Lines, line => Assert.True(line.Length <= 120, line));
        Assert.All(Titles, title => Assert.Contains(title, screen.Text, StringComparison.Ordinal));
    }
}
