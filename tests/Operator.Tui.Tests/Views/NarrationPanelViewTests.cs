using Operator.Tui.State;
using Operator.Tui.Views;
using Spectre.Console;

namespace Operator.Tui.Tests.Views;

public sealed class NarrationPanelViewTests
{
    private static AnsiScreen Draw(NarrationState state, int width = 100, int height = 9) =>
        AnsiScreen.Render(NarrationPanelView.Render(state, width, height), width, height);

    [Fact]
    public void Title_shows_progress_and_chapter()
    {
        var screen = Draw(Sample.Narration());
        Assert.Contains("NARRATION · [4/8] Fault injection", screen.Lines[0], StringComparison.Ordinal);
        Assert.Contains("We kill the etcd leader.", screen.Text, StringComparison.Ordinal);
        Assert.Contains("Watch: CLUSTER for the red node.", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Countdown_is_shown_as_a_banner()
    {
        var screen = Draw(Sample.Narration(countdown: "Injecting fault in 3…", busy: true));
        Assert.Contains("Injecting fault in 3", screen.Text, StringComparison.Ordinal);
        Assert.Equal(AnsiScreen.Bg(Color.Red), screen.At("Injecting fault in 3").Background);
        Assert.True(screen.At("Injecting fault in 3").Bold);
    }

    [Fact]
    public void Busy_chapter_says_advancing_waits()
    {
        var screen = Draw(Sample.Narration(busy: true));
        Assert.Contains("still working on this step — SPACE will work once it is done · Q quit", screen.Text, StringComparison.Ordinal);
        Assert.Contains("working… (SPACE waits until this finishes) · Q quit", Draw(Sample.Narration(busy: true) with { Keys = string.Empty }).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("SPACE/ENTER next", screen.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_sit_on_the_bottom_row()
    {
        var screen = Draw(Sample.Narration());
        Assert.Contains("SPACE/ENTER next · Q quit", screen.Lines[^2], StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_status_is_red()
    {
        var screen = Draw(Sample.Narration(status: "restart n1: address already in use", failed: true));
        Assert.Equal(AnsiScreen.Fg(Color.Red), screen.At("restart n1").Foreground);

        var fine = Draw(Sample.Narration(status: "ticket #3 opened 38 ms after the kill"));
        Assert.NotEqual(AnsiScreen.Fg(Color.Red), fine.At("ticket #3").Foreground);
    }

    [Fact]
    public void When_short_of_rows_keys_countdown_and_status_are_kept()
    {
        var state = Sample.Narration(countdown: "Injecting fault in 2…", status: "leader is n1") with { Text = string.Join(' ', Enumerable.Repeat("words", 200)) };
        var screen = Draw(state, width: 60, height: 6);

        Assert.Equal(6, screen.Lines.Count);
        Assert.Contains("Injecting fault in 2", screen.Text, StringComparison.Ordinal);
        Assert.Contains("leader is n1", screen.Text, StringComparison.Ordinal);
        Assert.Contains("Q quit", screen.Text, StringComparison.Ordinal);
    }
}
