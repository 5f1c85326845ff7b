using Operator.Tui.Demo;
using Operator.Tui.State;
using Operator.Tui.Terminal;
using Spectre.Console;

namespace Operator.Tui.Tests.Terminal;

public sealed class TerminalScreenTests
{
    private const string Esc = "\u001b";

    private static DashboardState State(string title) => new(
        new HeaderState("etcd", "rules", "kill-leader", TimeSpan.FromSeconds(5), "auto"),
        ClusterPanelState.Waiting("starting…"),
        ProcessPanelState.NotStarted("MONITOR"),
        ProcessPanelState.NotStarted("AGENT"),
        WorkloadPanelState.NotStarted,
        new NarrationState(1, 8, title, "text", "watch", null, null, false, "SPACE/ENTER next chapter · Q quit"));

    private static TerminalScreen Screen(StringWriter output, Func<(int, int)> size, bool fullScreen = true) =>
        new(output, (s, w, h) => fullScreen ? new Layout().Update(Panel(s)) : Panel(s), size, ColorSystem.Standard);

    private static Panel Panel(DashboardState s) => new Panel(new Text(s.Narration.Title)).Header("NARRATION").Expand();

    [Fact]
    public void Enter_switches_to_the_alternate_screen_and_restore_switches_back_once()
    {
        var output = new StringWriter();
        using var screen = Screen(output, () => (40, 10));

        screen.Enter();
        Assert.Equal($"{Esc}[?1049h{Esc}[?25l{Esc}[2J{Esc}[H", output.ToString());

        output.GetStringBuilder().Clear();
        screen.Restore();
        screen.Restore();
        screen.Dispose();
        Assert.Equal($"{Esc}[0m{Esc}[?25h{Esc}[?1049l", output.ToString());
    }

    [Fact]
    public void A_frame_repaints_in_place_line_by_line_without_clearing_the_screen()
    {
        var output = new StringWriter();
        using var screen = Screen(output, () => (40, 10));
        screen.Enter();
        screen.Draw(State("first"));
        output.GetStringBuilder().Clear();

        screen.Draw(State("second"));
        var frame = output.ToString();

        Assert.StartsWith($"{Esc}[?2026h{Esc}[H", frame);
        Assert.EndsWith($"{Esc}[?2026l", frame);
        Assert.DoesNotContain($"{Esc}[2J", frame);
        Assert.Contains("second", frame);
        var lines = frame.Split("\r\n");
        Assert.Equal(10, lines.Length); // exactly the terminal's height, no newline after the last row (no scrolling)
        Assert.All(lines, l => Assert.Contains($"{Esc}[K", l));
        Assert.Equal(2, screen.Frames);
    }

    [Fact]
    public void A_resized_terminal_is_cleared_once_and_the_frame_fits_the_new_size()
    {
        var output = new StringWriter();
        var size = (40, 10);
        using var screen = Screen(output, () => size);
        screen.Enter();
        screen.Draw(State("a"));

        size = (30, 6);
        output.GetStringBuilder().Clear();
        screen.Draw(State("b"));
        var resized = output.ToString();
        output.GetStringBuilder().Clear();
        screen.Draw(State("c"));

        Assert.Contains($"{Esc}[2J", resized);
        Assert.Equal(6, resized.Split("\r\n").Length);
        Assert.DoesNotContain($"{Esc}[2J", output.ToString());
    }

    [Fact]
    public void A_frame_shorter_than_the_screen_clears_what_is_below_it()
    {
        var output = new StringWriter();
        using var screen = Screen(output, () => (40, 10), fullScreen: false);
        screen.Enter();
        output.GetStringBuilder().Clear();
        screen.Draw(State("short"));
        Assert.EndsWith($"\r\n{Esc}[J{Esc}[?2026l", output.ToString());
    }

    [Fact]
    public void Nothing_is_drawn_before_enter_or_after_restore()
    {
        var output = new StringWriter();
        using var screen = Screen(output, () => (40, 10));
        screen.Draw(State("early"));
        screen.Enter();
        screen.Restore();
        output.GetStringBuilder().Clear();
        screen.Draw(State("late"));
        Assert.Equal(string.Empty, output.ToString());
        Assert.Equal(0, screen.Frames);
    }

    [Theory]
    [InlineData(ConsoleKey.Spacebar, ' ', DemoKey.Next)]
    [InlineData(ConsoleKey.Enter, '\r', DemoKey.Next)]
    [InlineData(ConsoleKey.Q, 'q', DemoKey.Quit)]
    [InlineData(ConsoleKey.Escape, '\u001b', DemoKey.Quit)]
    public void Keys_map_to_next_and_quit(ConsoleKey key, char ch, DemoKey expected) =>
        Assert.Equal(expected, ConsoleKeySource.Map(new ConsoleKeyInfo(ch, key, false, false, false)));

    [Fact]
    public void Ctrl_c_read_as_a_key_quits_and_other_keys_are_ignored()
    {
        Assert.Equal(DemoKey.Quit, ConsoleKeySource.Map(new ConsoleKeyInfo('\u0003', ConsoleKey.C, false, false, true)));
        Assert.Null(ConsoleKeySource.Map(new ConsoleKeyInfo('x', ConsoleKey.X, false, false, false)));
    }
}
