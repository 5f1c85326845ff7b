using Operator.Tui.Views;

namespace Operator.Tui.Tests.Views;

public sealed class CellTextTests
{
    [Fact]
    public void Clean_removes_escape_sequences_and_control_characters()
    {
        Assert.Equal("red text here", CellText.Clean("\u001b[31mred\u001b[0m text\r\u0007 \u001b]0;title\u0007here"));
        Assert.Equal("a b", CellText.Clean("a\tb"));
    }

    [Fact]
    public void Clean_reads_only_the_start_of_a_huge_line()
    {
        Assert.Equal(100, CellText.Clean(new string('x', 1_000_000), 100).Length);
    }

    [Fact]
    public void Cut_ends_in_an_ellipsis_only_when_it_cut()
    {
        Assert.Equal("hello", CellText.Cut("hello", 5));
        Assert.Equal("hel…", CellText.Cut("hello", 4));
        Assert.Equal(string.Empty, CellText.Cut("hello", 0));
        Assert.Equal("日…", CellText.Cut("日本語", 4));
    }

    [Fact]
    public void Wrap_breaks_at_spaces_indents_continuations_and_marks_what_did_not_fit()
    {
        var rows = CellText.Wrap("one two three four five six", 10, indent: 2);
        Assert.Equal(["one two", "  three", "  four", "  five six"], rows);

        var cut = CellText.Wrap("one two three four five six", 10, indent: 2, maxRows: 2);
        Assert.Equal(["one two", "  three…"], cut);

        Assert.Equal(["abcde", "fghij"], CellText.Wrap("abcdefghij", 5));
        Assert.All(CellText.Wrap("日本語日本語", 3), r => Assert.True(CellText.Width(r) <= 3));
        Assert.Equal(2, CellText.Wrap("日本", 1).Count);
    }
}
