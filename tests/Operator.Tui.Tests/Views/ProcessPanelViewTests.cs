using Operator.Tui.State;
using Operator.Tui.Views;
using Spectre.Console;

namespace Operator.Tui.Tests.Views;

public sealed class ProcessPanelViewTests
{
    private static AnsiScreen Draw(ProcessPanelState state, int width = 100, int height = 10) =>
        AnsiScreen.Render(ProcessPanelView.Render(state, width, height), width, height);

    [Fact]
    public void Running_process_shows_its_pid_in_the_title()
    {
        var screen = Draw(Sample.Running("MONITOR", Sample.Heartbeats(3), pid: 4242));
        Assert.Contains("MONITOR · running (pid 4242)", screen.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Process_not_started_says_so()
    {
        var screen = Draw(ProcessPanelState.NotStarted("AGENT"));
        Assert.Contains("AGENT · not started", screen.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Exited_process_shows_its_exit_code_in_red()
    {
        var screen = Draw(new ProcessPanelState("AGENT", ["boom"], ProcessStatus.Exited, 124, 1));
        Assert.Contains("exited with code 1", screen.Lines[0], StringComparison.Ordinal);
        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("exited with code 1").Foreground);
        Assert.Contains("boom", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Newest_lines_are_the_ones_visible_oldest_first_when_more_than_fit()
    {
        var screen = Draw(Sample.Running("MONITOR", Sample.Heartbeats(50)), height: 10);

        var visible = screen.Lines.Where(l => l.Contains("cycle", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, visible.Count);
        Assert.Contains("cycle 43:", visible[0], StringComparison.Ordinal);
        Assert.Contains("cycle 50:", visible[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("cycle 42:", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_heartbeat_lines_are_cut_to_one_row()
    {
        var screen = Draw(Sample.Running("MONITOR", Sample.Heartbeats(2)), width: 60, height: 6);
        var rows = screen.Lines.Where(l => l.Contains("cycle", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Contains("…", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Diagnosis_line_is_wrapped_whole_and_coloured()
    {
        var screen = Draw(Sample.Running("AGENT", [.. Sample.Heartbeats(20), Sample.Diagnosis]), width: 80, height: 12);

        Assert.Contains("DIAGNOSED #3 member_down:n1 → process_crashed", screen.Text, StringComparison.Ordinal);
        Assert.Contains("same data dir.", screen.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("dir.…", screen.Text, StringComparison.Ordinal);
        Assert.NotEqual(string.Empty, screen.At("DIAGNOSED").Foreground);
        Assert.True(screen.At("DIAGNOSED").Bold);
        Assert.Equal(screen.At("DIAGNOSED").Foreground, screen.At("same data dir.").Foreground);
    }

    [Theory]
    [InlineData("OPENED   #3 member_down:n1 [critical] n1 is down", "OPENED")]
    [InlineData("RESOLVED #3 member_down:n1 after 4.2 s", "RESOLVED")]
    [InlineData("WARNING  get status from http://127.0.0.1:2379: connection refused", "WARNING")]
    public void Ticket_events_and_warnings_are_coloured(string text, string word)
    {
        var screen = Draw(Sample.Running("MONITOR", ["10:31:00.000 cycle 1: 3/3 up", "10:31:01.000 " + text]));
        Assert.NotEqual(string.Empty, screen.At(word).Foreground);
        Assert.Equal(string.Empty, screen.At("cycle 1").Foreground);
    }

    [Fact]
    public void Markup_in_process_output_is_shown_literally()
    {
        var screen = Draw(Sample.Running("MONITOR", ["[red]not red[/] and a stray [/] and [[ and ]"]));
        Assert.Contains("[red]not red[/] and a stray [/] and [[ and ]", screen.Text, StringComparison.Ordinal);
        Assert.Equal(string.Empty, screen.At("not red").Foreground);
    }

    [Fact]
    public void Escape_sequences_and_control_characters_in_output_do_not_reach_the_terminal()
    {
        var screen = Draw(Sample.Running("MONITOR", ["\u001b[31mcoloured\u001b[0m\r\ttabbed\u0007"]));
        Assert.Contains("coloured tabbed", screen.Text, StringComparison.Ordinal);
        Assert.Equal(string.Empty, screen.At("coloured").Foreground);
    }

    [Fact]
    public void Empty_null_and_huge_lines_fit_the_panel()
    {
        var lines = new List<string> { string.Empty, null!, new('x', 1_000_000), "DIAGNOSED " + new string('y', 100_000) };
        var screen = Draw(Sample.Running("AGENT", lines), width: 50, height: 8);
        Assert.Equal(8, screen.Lines.Count);
        Assert.All(screen.Lines, l => Assert.True(l.Length <= 50, l));
    }
}
