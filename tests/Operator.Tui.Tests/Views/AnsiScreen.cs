using System.Globalization;
using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;
using Spectre.Console.Testing;

namespace Operator.Tui.Tests.Views;

/// <summary>One character on screen with the colours it was drawn in (SGR parameters as Spectre wrote them).</summary>
internal readonly record struct Cell(char Char, string Foreground, string Background, bool Bold);

/// <summary>
/// A renderable drawn to a true-colour <see cref="TestConsole"/> and read back as text plus per-character colours,
/// so tests can ask "what colour is the word down" without depending on which SGR form Spectre picks for a colour:
/// the expected form is obtained by drawing that colour through the same console.
/// </summary>
internal sealed class AnsiScreen
{
    private readonly List<List<Cell>> _cells;

    private AnsiScreen(List<List<Cell>> cells)
    {
        _cells = cells;
        Lines = cells.ConvertAll(row => new string(row.ConvertAll(c => c.Char).ToArray()));
    }

    public IReadOnlyList<string> Lines { get; }

    public string Text => string.Join('\n', Lines);

    public static AnsiScreen Render(IRenderable renderable, int width, int height)
    {
        var console = new TestConsole().Size(new Size(width, height)).Colors(ColorSystem.TrueColor).EmitAnsiSequences();
        console.Write(renderable);
        return Parse(console.Output);
    }

    /// <summary>The SGR foreground Spectre writes for <paramref name="color"/>.</summary>
    public static string Fg(Color color) => Render(new Text("x", new Style(color)), 10, 1).At("x").Foreground;

    /// <summary>The SGR background Spectre writes for <paramref name="color"/>.</summary>
    public static string Bg(Color color) => Render(new Text("x", new Style(background: color)), 10, 1).At("x").Background;

    /// <summary>Row and column of the first occurrence of <paramref name="text"/>; fails the test with the screen when absent.</summary>
    public (int Row, int Column) Find(string text)
    {
        for (var r = 0; r < Lines.Count; r++)
        {
            var c = Lines[r].IndexOf(text, StringComparison.Ordinal);
            if (c >= 0)
            {
                return (r, c);
            }
        }

        Assert.Fail($"'{text}' is not on screen:\n{Text}");
        return default;
    }

    public Cell CellAt(int row, int column) => _cells[row][column];

    /// <summary>The cell under the first character of <paramref name="text"/>.</summary>
    public Cell At(string text)
    {
        var (r, c) = Find(text);
        return _cells[r][c];
    }

    /// <summary>The cell under the first character of <paramref name="text"/> on the first line that also contains <paramref name="lineWith"/>.</summary>
    public Cell At(string text, string lineWith)
    {
        for (var r = 0; r < Lines.Count; r++)
        {
            if (Lines[r].Contains(lineWith, StringComparison.Ordinal) && Lines[r].Contains(text, StringComparison.Ordinal))
            {
                return _cells[r][Lines[r].IndexOf(text, StringComparison.Ordinal)];
            }
        }

        Assert.Fail($"no line has both '{lineWith}' and '{text}':\n{Text}");
        return default;
    }

    private static AnsiScreen Parse(string output)
    {
        var rows = new List<List<Cell>> { new() };
        string fg = string.Empty, bg = string.Empty;
        var bold = false;
        for (var i = 0; i < output.Length; i++)
        {
            var ch = output[i];
            if (ch == '\u001b' && i + 1 < output.Length && output[i + 1] == '[')
            {
                var end = i + 2;
                while (end < output.Length && (output[end] < '@' || output[end] > '~'))
                {
                    end++;
                }

                if (end < output.Length && output[end] == 'm')
                {
                    Apply(output[(i + 2)..end], ref fg, ref bg, ref bold);
                }

                i = end;
            }
            else if (ch == '\n')
            {
                rows.Add([]);
            }
            else if (ch != '\r')
            {
                rows[^1].Add(new Cell(ch, fg, bg, bold));
            }
        }

        while (rows.Count > 1 && rows[^1].Count == 0)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new AnsiScreen(rows);
    }

    private static void Apply(string parameters, ref string fg, ref string bg, ref bool bold)
    {
        var codes = parameters.Length == 0 ? ["0"] : parameters.Split(';');
        for (var k = 0; k < codes.Length; k++)
        {
            var code = codes[k];
            switch (code)
            {
                case "0":
                    (fg, bg, bold) = (string.Empty, string.Empty, false);
                    break;
                case "1":
                    bold = true;
                    break;
                case "22":
                    bold = false;
                    break;
                case "39":
                    fg = string.Empty;
                    break;
                case "49":
                    bg = string.Empty;
                    break;
                case "38" or "48":
                    var length = k + 1 < codes.Length && codes[k + 1] == "2" ? 4 : 2;
                    var value = new StringBuilder(code);
                    for (var j = 1; j <= length && k + j < codes.Length; j++)
                    {
                        value.Append(';').Append(codes[k + j]);
                    }

                    k += length;
                    if (code == "38")
                    {
                        fg = value.ToString();
                    }
                    else
                    {
                        bg = value.ToString();
                    }

                    break;
                default:
                    if (int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is (>= 30 and <= 37) or (>= 90 and <= 97))
                    {
                        fg = code;
                    }
                    else if (n is (>= 40 and <= 47) or (>= 100 and <= 107))
                    {
                        bg = code;
                    }

                    break;
            }
        }
    }
}
