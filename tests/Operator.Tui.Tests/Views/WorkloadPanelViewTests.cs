using Operator.Tui.State;
using Operator.Tui.Views;
using Spectre.Console;

namespace Operator.Tui.Tests.Views;

public sealed class WorkloadPanelViewTests
{
    private static AnsiScreen Draw(WorkloadPanelState state, int width = 60, int height = 10) =>
        AnsiScreen.Render(WorkloadPanelView.Render(state, width, height), width, height);

    [Fact]
    public void Header_and_border_are_green_while_healthy()
    {
        var screen = Draw(Sample.HealthyWorkload());
        Assert.Contains("WORKLOAD · healthy", screen.Lines[0], StringComparison.Ordinal);
        Assert.Equal(AnsiScreen.Fg(Color.Green), screen.At("WORKLOAD").Foreground);
        Assert.Equal(AnsiScreen.Fg(Color.Green), screen.At("╭").Foreground);
    }

    [Fact]
    public void Header_and_border_turn_red_when_degraded()
    {
        var screen = Draw(Sample.DegradedWorkload());
        Assert.Contains("WORKLOAD · DEGRADED", screen.Lines[0], StringComparison.Ordinal);
        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("WORKLOAD").Foreground);
        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("╭").Foreground);
    }

    [Fact]
    public void Header_is_neutral_while_warming_up()
    {
        var screen = Draw(Sample.Workload(Sample.Steady(3)));
        Assert.Contains("WORKLOAD · warming up", screen.Lines[0], StringComparison.Ordinal);
        Assert.Equal(string.Empty, screen.At("WORKLOAD").Foreground);
    }

    [Fact]
    public void Sparkline_turns_red_on_degradation()
    {
        var screen = Draw(Sample.DegradedWorkload());

        // The chart's bottom row: the oldest bars are green, the newest (the dip) red.
        var row = screen.Lines.ToList().FindLastIndex(l => l.Contains('█', StringComparison.Ordinal));
        var line = screen.Lines[row];
        var first = line.IndexOf('█', StringComparison.Ordinal);
        var last = line.TrimEnd(' ', '│').Length - 1;
        Assert.Equal(AnsiScreen.Fg(Color.Green), screen.CellAt(row, first).Foreground);
        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.CellAt(row, last).Foreground);

        var healthy = Draw(Sample.HealthyWorkload());
        var healthyRow = healthy.Lines.ToList().FindLastIndex(l => l.Contains('█', StringComparison.Ordinal));
        Assert.Equal(AnsiScreen.Fg(Color.Green), healthy.CellAt(healthyRow, healthy.Lines[healthyRow].TrimEnd(' ', '│').Length - 1).Foreground);
    }

    [Fact]
    public void Errors_the_source_cannot_count_are_said_to_be_not_measured_never_zero()
    {
        var points = Enumerable.Range(1, 20).Select(s => new WorkloadPoint(s, 900, 4.5, null)).ToList();
        var state = new WorkloadPanelState(points, WorkloadAssessment.Assess(points), 0, ProcessStatus.Running, null, null, "go-ycsb in compose · TiKV gRPC from Prometheus");
        var screen = Draw(state, width: 80);

        Assert.Contains("900 ops/s · p99 4.5 ms · errors not measured", screen.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("errors 0", screen.Text, StringComparison.Ordinal);
        Assert.Contains("WORKLOAD · healthy", screen.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Shows_current_throughput_latency_errors_baseline_and_what_runs()
    {
        var points = Sample.Steady(20, 12000);
        points.Add(new WorkloadPoint(21, 11500, 3.25, 2));
        var state = Sample.Workload(points, totalErrors: 17) with { LastError = "put k1: connection refused" };
        var screen = Draw(state, width: 60, height: 12);

        Assert.Contains("11,500 ops/s", screen.Text, StringComparison.Ordinal);
        Assert.Contains("p99 3.25 ms", screen.Text, StringComparison.Ordinal);
        Assert.Contains("errors 17 (2 last s)", screen.Text, StringComparison.Ordinal);
        Assert.Contains("baseline 12,000 ops/s", screen.Text, StringComparison.Ordinal);
        Assert.Contains("workload a · 16 clients · 3 members", screen.Text, StringComparison.Ordinal);
        Assert.Contains("last error: put k1: connection refused", screen.Text, StringComparison.Ordinal);
        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("errors 17").Foreground);
    }

    [Fact]
    public void Generator_not_started_says_so()
    {
        var screen = Draw(WorkloadPanelState.NotStarted);
        Assert.Contains("WORKLOAD · not started", screen.Lines[0], StringComparison.Ordinal);
        Assert.Contains("no samples yet", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Generator_that_failed_shows_its_exit_code_in_red()
    {
        var state = Sample.HealthyWorkload() with { Status = ProcessStatus.Exited, ExitCode = 3 };
        var screen = Draw(state);
        Assert.Contains("exited with code 3", screen.Lines[0], StringComparison.Ordinal);
        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("exited with code 3").Foreground);
    }

    [Fact]
    public void Chart_grows_with_the_panel()
    {
        var state = Sample.HealthyWorkload();
        var small = Draw(state, height: 7).Lines.Count(l => l.Contains('█', StringComparison.Ordinal));
        var tall = Draw(state, height: 16).Lines.Count(l => l.Contains('█', StringComparison.Ordinal));
        Assert.True(tall > small, $"{tall} rows of chart at height 16, {small} at 7");
    }
}
