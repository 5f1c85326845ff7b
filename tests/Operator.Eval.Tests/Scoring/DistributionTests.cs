using Operator.Eval.Scoring;

namespace Operator.Eval.Tests.Scoring;

public sealed class DistributionTests
{
    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Median_and_p90_interpolate_between_closest_ranks_and_skip_missing_values()
    {
        TimeSpan?[] values = [Ms(50), Ms(10), null, Ms(40), Ms(20), Ms(30), Ms(100), Ms(60), Ms(70), Ms(80), Ms(90)];

        var d = Distribution.Of(values);

        Assert.Equal(10, d.Count);
        Assert.Equal(Ms(10), d.Min);
        Assert.Equal(Ms(55), d.Median);  // (50 + 60) / 2
        Assert.Equal(Ms(91), d.P90);     // position 8.1 between 90 and 100
        Assert.Equal(Ms(100), d.Max);
    }

    [Fact]
    public void One_value_is_every_percentile_and_none_is_empty()
    {
        var one = Distribution.Of([Ms(42)]);
        Assert.Equal(Ms(42), one.Median);
        Assert.Equal(Ms(42), one.P90);

        var none = Distribution.Of([null, null]);
        Assert.Equal(0, none.Count);
        Assert.Null(none.Median);
    }
}
