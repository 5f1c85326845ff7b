using System.Text;
using Spectre.Console.Rendering;

namespace Operator.Tui.Views;

/// <summary>
/// Plain text measured in terminal cells: cleaning arbitrary process output, cutting, padding and word wrapping, so the
/// views can lay out rows that fit exactly and Spectre never has to re-wrap them.
/// </summary>
internal static class CellText
{
    public const string Ellipsis = "…";

    /// <summary>Below this every char (after <see cref="Clean"/>) takes one cell; above it, ask Spectre's wcwidth.</summary>
    private const char FirstWideCandidate = '\u1100';

    /// <summary>Cells <paramref name="text"/> takes in a terminal.</summary>
    public static int Width(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var width = 0;
        for (var i = 0; i < text.Length; i++)
        {
            width += CharWidth(text, i, out var chars);
            i += chars - 1;
        }

        return width;
    }

    /// <summary>
    /// Removes what would break a terminal row: ANSI escape sequences, carriage returns and other control characters
    /// (tabs become a space). Reads at most <paramref name="maxChars"/> characters, so a huge line costs little.
    /// </summary>
    public static string Clean(string? text, int maxChars = 4096)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var length = Math.Min(text.Length, Math.Max(0, maxChars));
        if (IsClean(text, length))
        {
            return length == text.Length ? text : text[..length];
        }

        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (c == '\u001b')
            {
                i = SkipEscape(text, i, length);
            }
            else if (c == '\t')
            {
                sb.Append(' ');
            }
            else if (!IsControl(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary><paramref name="text"/> cut to <paramref name="width"/> cells, ending in an ellipsis when it was cut.</summary>
    public static string Cut(string? text, int width)
    {
        text ??= string.Empty;
        if (width <= 0)
        {
            return string.Empty;
        }

        if (Width(text) <= width)
        {
            return text;
        }

        return Take(text, 0, width - 1, out _) + Ellipsis;
    }

    /// <summary><paramref name="text"/> cut or padded with spaces to exactly <paramref name="width"/> cells.</summary>
    public static string Fit(string? text, int width)
    {
        var cut = Cut(text, width);
        var missing = width - Width(cut);
        return missing > 0 ? cut + new string(' ', missing) : cut;
    }

    /// <summary>
    /// Word-wraps <paramref name="text"/> into rows of at most <paramref name="width"/> cells; rows after the first
    /// start with <paramref name="indent"/> spaces. Words longer than a row are broken. At most
    /// <paramref name="maxRows"/> rows: when text is left over, the last row ends in an ellipsis.
    /// </summary>
    public static List<string> Wrap(string? text, int width, int indent = 0, int maxRows = int.MaxValue)
    {
        var rows = new List<string>();
        text ??= string.Empty;
        if (width <= 0 || maxRows <= 0)
        {
            return rows;
        }

        indent = indent >= width / 2 ? 0 : Math.Max(0, indent);
        var pos = 0;
        while (pos < text.Length && rows.Count < maxRows)
        {
            var prefix = rows.Count == 0 ? string.Empty : new string(' ', indent);
            var room = width - prefix.Length;
            if (rows.Count > 0)
            {
                while (pos < text.Length && text[pos] == ' ')
                {
                    pos++;
                }

                if (pos >= text.Length)
                {
                    break;
                }
            }

            var taken = Take(text, pos, room, out var end);
            if (end == pos)
            {
                // Not even one char fits (a wide char in a one-cell row): skip it rather than loop forever.
                CharWidth(text, pos, out var chars);
                end = pos + chars;
            }
            if (end < text.Length && text[end] != ' ')
            {
                // Break at the last space in the row rather than inside a word, unless the word fills the row.
                var space = taken.LastIndexOf(' ');
                if (space > 0)
                {
                    taken = taken[..space];
                    end = pos + space;
                }
            }

            rows.Add(prefix + taken.TrimEnd());
            pos = end;
        }

        if (rows.Count == 0)
        {
            rows.Add(string.Empty);
        }

        if (HasMore(text, pos))
        {
            rows[^1] = WithEllipsis(rows[^1], width);
        }

        return rows;
    }

    /// <summary>Keeps the first <paramref name="count"/> rows; when rows were dropped, the last kept one ends in an ellipsis.</summary>
    public static List<string> Keep(List<string> rows, int count, int width)
    {
        if (rows.Count <= count)
        {
            return rows;
        }

        var kept = rows.GetRange(0, Math.Max(0, count));
        if (kept.Count > 0)
        {
            kept[^1] = WithEllipsis(kept[^1], width);
        }

        return kept;
    }

    /// <summary><paramref name="row"/> ending in an ellipsis, within <paramref name="width"/> cells.</summary>
    private static string WithEllipsis(string row, int width)
    {
        if (row.EndsWith(Ellipsis, StringComparison.Ordinal))
        {
            return row;
        }

        return Width(row) < width ? row + Ellipsis : Take(row, 0, width - 1, out _) + Ellipsis;
    }

    private static bool HasMore(string text, int pos)
    {
        for (var i = pos; i < text.Length; i++)
        {
            if (text[i] != ' ')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The longest prefix of <paramref name="text"/> from <paramref name="start"/> that fits in <paramref name="width"/> cells.</summary>
    private static string Take(string text, int start, int width, out int end)
    {
        var used = 0;
        var i = start;
        while (i < text.Length)
        {
            var w = CharWidth(text, i, out var chars);
            if (used + w > width)
            {
                break;
            }

            used += w;
            i += chars;
        }

        end = i;
        return text[start..i];
    }

    private static int CharWidth(string text, int index, out int chars)
    {
        var c = text[index];
        chars = 1;
        if (c < FirstWideCandidate)
        {
            return 1;
        }

        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            chars = 2;
            return Math.Max(0, new Segment(text.Substring(index, 2)).CellCount());
        }

        return Math.Max(0, new Segment(c.ToString()).CellCount());
    }

    private static bool IsClean(string text, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (IsControl(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsControl(char c) => c < ' ' || (c >= '\u007f' && c <= '\u009f');

    /// <summary>Index of the last char of the escape sequence starting at <paramref name="i"/> (CSI, OSC, or two-char).</summary>
    private static int SkipEscape(string text, int i, int length)
    {
        if (i + 1 >= length)
        {
            return i;
        }

        var kind = text[i + 1];
        if (kind == '[')
        {
            var j = i + 2;
            while (j < length && (text[j] < '@' || text[j] > '~'))
            {
                j++;
            }

            return Math.Min(j, length - 1);
        }

        if (kind == ']')
        {
            var j = i + 2;
            while (j < length && text[j] != '\u0007' && !(text[j] == '\u001b' && j + 1 < length && text[j + 1] == '\\'))
            {
                j++;
            }

            return j < length && text[j] == '\u001b' ? j + 1 : Math.Min(j, length - 1);
        }

        return i + 1;
    }
}
