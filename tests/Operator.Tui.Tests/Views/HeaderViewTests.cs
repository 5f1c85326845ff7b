using Operator.Tui.Views;

namespace Operator.Tui.Tests.Views;

public sealed class HeaderViewTests
{
    [Fact]
    public void Header_names_subject_engine_fault_mode_and_elapsed_time()
    {
        var screen = AnsiScreen.Render(HeaderView.Render(Sample.Header(), 160), 160, 1);
        Assert.Equal("OPERATOR chaos demo · subject etcd · engine rules · fault kill-leader · auto · 01:23", screen.Lines[0].TrimEnd());
    }

    [Fact]
    public void Header_keeps_the_engine_and_clock_when_narrow()
    {
        var state = Sample.Header() with { Engine = "anthropic/claude-sonnet-4-5-20250929", Elapsed = TimeSpan.FromSeconds(3725) };
        var screen = AnsiScreen.Render(HeaderView.Render(state, 50), 50, 1);

        Assert.True(screen.Lines[0].Length <= 50);
        Assert.Contains("anthropic/claude", screen.Lines[0], StringComparison.Ordinal);
        Assert.EndsWith("1:02:05", screen.Lines[0].TrimEnd(), StringComparison.Ordinal);
    }
}
