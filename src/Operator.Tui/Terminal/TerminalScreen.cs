using System.Text;
using Operator.Tui.Demo;
using Operator.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Operator.Tui.Terminal;

/// <summary>
/// The dashboard on a real terminal: switches to the alternate screen and hides the cursor, repaints each frame in
/// place (home, every line followed by erase-to-end-of-line, one write — no clearing, so no flicker), clears once
/// when the terminal was resized, and puts the terminal back exactly once however the run ends.
/// </summary>
public sealed class TerminalScreen : IDashboardScreen, IDisposable
{
    private const string Escape = "\u001b";
    private readonly TextWriter _out;
    private readonly Func<DashboardState, int, int, IRenderable> _view;
    private readonly Func<(int Width, int Height)> _size;
    private readonly FrameRenderer _renderer;
    private readonly StringBuilder _frame = new(64 * 1024);
    private readonly Lock _gate = new();
    private (int Width, int Height) _last = (-1, -1);
    private bool _entered;

    /// <param name="output">The terminal (stdout).</param>
    /// <param name="view">The pure view: state and size to a renderable.</param>
    /// <param name="size">The terminal's current size, read before every frame.</param>
    /// <param name="colors">The terminal's colour system.</param>
    public TerminalScreen(TextWriter output, Func<DashboardState, int, int, IRenderable> view, Func<(int Width, int Height)> size, ColorSystem colors)
    {
        _out = output;
        _view = view;
        _size = size;
        _renderer = new FrameRenderer(colors);
    }

    /// <summary>Frames drawn so far.</summary>
    public long Frames { get; private set; }

    /// <summary>True when the terminal's size differs from the last frame's.</summary>
    public bool NeedsRedraw
    {
        get
        {
            var (width, height) = _size();
            lock (_gate)
            {
                return (Math.Max(20, width), Math.Max(5, height)) != _last;
            }
        }
    }

    /// <summary>Alternate screen on, cursor hidden, screen cleared.</summary>
    public void Enter()
    {
        lock (_gate)
        {
            if (_entered)
            {
                return;
            }

            _entered = true;
            _out.Write($"{Escape}[?1049h{Escape}[?25l{Escape}[2J{Escape}[H");
            _out.Flush();
        }
    }

    public void Draw(DashboardState state)
    {
        lock (_gate)
        {
            if (!_entered)
            {
                return;
            }

            var (width, height) = _size();
            width = Math.Max(20, width);
            height = Math.Max(5, height);
            var lines = _renderer.Render(_view(state, width, height), width, height);
            _frame.Clear();

            // Synchronized output (DEC mode 2026): terminals that know it show the frame only once it is complete;
            // others ignore the sequence.
            _frame.Append(Escape).Append("[?2026h");
            if ((width, height) != _last)
            {
                _frame.Append(Escape).Append("[2J");
                _last = (width, height);
            }

            _frame.Append(Escape).Append("[H");
            for (var i = 0; i < lines.Count; i++)
            {
                _frame.Append(lines[i]).Append(Escape).Append("[0m").Append(Escape).Append("[K");
                if (i < lines.Count - 1)
                {
                    _frame.Append("\r\n");
                }
            }

            if (lines.Count < height)
            {
                // A frame shorter than the screen: clear what an earlier, taller frame left below it.
                _frame.Append("\r\n").Append(Escape).Append("[J");
            }

            _frame.Append(Escape).Append("[?2026l");
            _out.Write(_frame.ToString());
            _out.Flush();
            Frames++;
        }
    }

    /// <summary>Colours reset, cursor shown, main screen back; safe to call more than once.</summary>
    public void Restore()
    {
        lock (_gate)
        {
            if (!_entered)
            {
                return;
            }

            _entered = false;
            _out.Write($"{Escape}[0m{Escape}[?25h{Escape}[?1049l");
            _out.Flush();
        }
    }

    public void Dispose() => Restore();
}
