using Spectre.Console;

namespace Operator.Tui.Views;

/// <summary>What a line of monitor or agent output announces, judged by the word after its timestamp.</summary>
internal enum ProcessLineKind
{
    Plain,
    Opened,
    Resolved,
    Diagnosed,
    Warning,
}

/// <summary>
/// Reads the shape the monitor and agent print (<c>10:31:07.412 DIAGNOSED #3 …</c>) with plain string checks: the
/// panels colour event lines, and this runs for every visible line on every frame.
/// </summary>
internal static class ProcessLine
{
    private static readonly (string Word, ProcessLineKind Kind)[] Keywords =
    [
        ("DIAGNOSED", ProcessLineKind.Diagnosed),
        ("OPENED", ProcessLineKind.Opened),
        ("REOPENED", ProcessLineKind.Opened),
        ("RESOLVED", ProcessLineKind.Resolved),
        ("WARNING", ProcessLineKind.Warning),
        ("ERROR", ProcessLineKind.Warning),
    ];

    /// <param name="line">One raw output line.</param>
    /// <param name="stamp">Length of the leading timestamp and its space, 0 when there is none.</param>
    /// <param name="keyword">Length of the event keyword after the timestamp, 0 for plain lines.</param>
    public static ProcessLineKind Classify(string? line, out int stamp, out int keyword)
    {
        stamp = 0;
        keyword = 0;
        if (string.IsNullOrEmpty(line))
        {
            return ProcessLineKind.Plain;
        }

        var space = line.IndexOf(' ', 0, Math.Min(line.Length, 17));
        if (space is > 0 and <= 16 && char.IsAsciiDigit(line[0]) && line.AsSpan(0, space).Contains(':'))
        {
            stamp = space + 1;
        }

        foreach (var (word, kind) in Keywords)
        {
            if (string.CompareOrdinal(line, stamp, word, 0, word.Length) == 0
                && (line.Length == stamp + word.Length || line[stamp + word.Length] is ' ' or ':'))
            {
                keyword = word.Length;
                return kind;
            }
        }

        return ProcessLineKind.Plain;
    }

    public static Style StyleOf(ProcessLineKind kind) => kind switch
    {
        ProcessLineKind.Diagnosed => new Style(Color.Aqua),
        ProcessLineKind.Opened => Palette.BadText,
        ProcessLineKind.Resolved => Palette.GoodText,
        ProcessLineKind.Warning => Palette.WarnText,
        _ => Palette.Plain,
    };
}
