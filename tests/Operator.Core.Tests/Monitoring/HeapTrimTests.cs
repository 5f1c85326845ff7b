using Operator.Core.Monitoring;

namespace Operator.Core.Tests.Monitoring;

/// <summary>The trim collects only when the heap has grown well past its last live size.</summary>
public sealed class HeapTrimTests
{
    [Fact]
    public void A_heap_grown_by_far_more_than_the_minimum_is_collected_once_and_a_steady_one_is_left_alone()
    {
        var trim = new HeapTrim();
        GC.Collect();
        trim.BetweenCycles(); // the baseline
        Assert.Equal(0, trim.Collections);

        var held = Enumerable.Range(0, 96).Select(_ => new byte[1 << 20]).ToList(); // 96 MiB, far past 1.5× and +16 MiB
        trim.BetweenCycles();
        Assert.Equal(1, trim.Collections);

        trim.BetweenCycles(); // nothing new since: the live size now includes what is held
        Assert.Equal(1, trim.Collections);
        GC.KeepAlive(held);
    }
}
