using Operator.Eval.Scoring;

namespace Operator.Eval.Tests.Scoring;

public sealed class WilsonIntervalTests
{
    [Theory]
    [InlineData(9, 10, 0.5958, 0.9821)]
    [InlineData(0, 10, 0.0000, 0.2775)]
    [InlineData(10, 10, 0.7225, 1.0000)]
    [InlineData(5, 10, 0.2366, 0.7634)]
    [InlineData(17, 20, 0.6396, 0.9476)]
    [InlineData(1, 1, 0.2065, 1.0000)]
    public void Matches_the_textbook_values(int successes, int trials, double low, double high)
    {
        var (l, h) = WilsonInterval.Of(successes, trials);
        Assert.Equal(low, l, 4);
        Assert.Equal(high, h, 4);
    }

    [Fact]
    public void No_trials_say_nothing_and_impossible_counts_are_refused()
    {
        Assert.Equal((0.0, 1.0), WilsonInterval.Of(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(3, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => WilsonInterval.Of(-1, 2));
        Assert.Null(Rate.Of(0, 0).Value);
        Assert.Equal(0.9, Rate.Of(9, 10).Value);
    }
}
