using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Operator.Tui.Terminal;

/// <summary>
/// Renders a renderable to the text of one full screen (ANSI colours, exactly <c>height</c> lines of at most
/// <c>width</c> cells) through an off-screen Spectre console, so a frame can be written to the terminal in one go.
/// </summary>
public sealed class FrameRenderer
{
    private readonly StringWriter _buffer = new(new StringBuilder(64 * 1024), System.Globalization.CultureInfo.InvariantCulture);
    private readonly IAnsiConsole _console;

    public FrameRenderer(ColorSystem colors)
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = (ColorSystemSupport)(int)colors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_buffer),
        });
    }

    /// <summary>The frame's lines, each ending with its own colour reset.</summary>
    public IReadOnlyList<string> Render(IRenderable content, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(content);
        _console.Profile.Width = Math.Max(1, width);
        _console.Profile.Height = Math.Max(1, height);
        _buffer.GetStringBuilder().Clear();
        _console.Write(content);
        var text = _buffer.ToString();
        var lines = text.Split('\n');
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        var result = new List<string>(Math.Min(count, height));
        for (var i = 0; i < count && i < height; i++)
        {
            result.Add(lines[i].TrimEnd('\r'));
        }

        return result;
    }
}
