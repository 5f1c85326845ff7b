using System.Collections.Concurrent;
using Operator.Tui.Demo;

namespace Operator.Tui.Terminal;

/// <summary>
/// Reads the presenter's keys from the terminal on a background thread (SPACE/ENTER/→/N: next; Q/ESC/Ctrl+C: quit) and
/// queues them; nothing is read when stdin is not a terminal.
/// </summary>
public sealed class ConsoleKeySource : IKeySource, IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(30);
    private readonly ConcurrentQueue<DemoKey> _keys = new();
    private readonly CancellationTokenSource _stop = new();

    public ConsoleKeySource()
    {
        if (Console.IsInputRedirected)
        {
            return;
        }

        var thread = new Thread(ReadLoop) { IsBackground = true, Name = "demo keys" };
        thread.Start();
    }

    public bool TryRead(out DemoKey key) => _keys.TryDequeue(out key);

    /// <summary>The key a console key maps to, or null for keys the demo ignores.</summary>
    public static DemoKey? Map(ConsoleKeyInfo info) => info.Key switch
    {
        ConsoleKey.Spacebar or ConsoleKey.Enter or ConsoleKey.RightArrow or ConsoleKey.N => DemoKey.Next,
        ConsoleKey.Q or ConsoleKey.Escape => DemoKey.Quit,
        ConsoleKey.C when info.Modifiers.HasFlag(ConsoleModifiers.Control) => DemoKey.Quit,
        _ when info.KeyChar == '\u0003' => DemoKey.Quit,
        _ => null,
    };

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private void ReadLoop()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (Console.KeyAvailable)
                {
                    if (Map(Console.ReadKey(intercept: true)) is { } key)
                    {
                        _keys.Enqueue(key);
                    }
                }
                else
                {
                    Thread.Sleep(Poll);
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or ObjectDisposedException)
        {
            // The terminal went away: no more keys; Ctrl+C and SIGTERM still end the demo.
        }
    }
}
