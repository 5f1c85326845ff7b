namespace Operator.Tui.Demo;

/// <summary>The most recent lines of a stream, oldest first; thread-safe, fixed capacity.</summary>
public sealed class LineRing
{
    private readonly string[] _lines;
    private readonly Lock _gate = new();
    private int _next;
    private int _count;

    public LineRing(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _lines = new string[capacity];
    }

    /// <summary>Lines added since creation (including those that fell out).</summary>
    public long Total { get; private set; }

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines[_next] = line;
            _next = (_next + 1) % _lines.Length;
            _count = Math.Min(_count + 1, _lines.Length);
            Total++;
        }
    }

    /// <summary>The kept lines, oldest first.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            var result = new string[_count];
            var start = (_next - _count + _lines.Length) % _lines.Length;
            for (var i = 0; i < _count; i++)
            {
                result[i] = _lines[(start + i) % _lines.Length];
            }

            return result;
        }
    }
}
