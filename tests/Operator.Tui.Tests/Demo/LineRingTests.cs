using Operator.Tui.Demo;

namespace Operator.Tui.Tests.Demo;

public sealed class LineRingTests
{
    [Fact]
    public void Keeps_the_newest_lines_oldest_first()
    {
        var ring = new LineRing(3);
        foreach (var line in new[] { "a", "b", "c", "d", "e" })
        {
            ring.Add(line);
        }

        Assert.Equal(["c", "d", "e"], ring.Snapshot());
        Assert.Equal(5, ring.Total);
    }

    [Fact]
    public void Concurrent_writers_lose_no_count_and_never_tear_a_snapshot()
    {
        var ring = new LineRing(50);
        Parallel.For(0, 4, w =>
        {
            for (var i = 0; i < 5000; i++)
            {
                ring.Add($"{w}:{i}");
            }
        });
        Assert.Equal(20000, ring.Total);
        Assert.Equal(50, ring.Snapshot().Count);
        Assert.All(ring.Snapshot(), l => Assert.Contains(':', l));
    }
}
