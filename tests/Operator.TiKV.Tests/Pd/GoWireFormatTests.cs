using Operator.TiKV.Pd;

namespace Operator.TiKV.Tests.Pd;

public sealed class GoWireFormatTests
{
    [Theory]
    [InlineData("0B", 0L)]
    [InlineData("512MiB", 512L << 20)]
    [InlineData("250GiB", 250L << 30)]
    [InlineData("1KiB", 1024L)]
    [InlineData("96.52MiB", 101208556L)]
    [InlineData("9.313GiB", 9999757607L)]
    [InlineData("1.598TiB", 1757019581186L)]
    [InlineData("2EiB", 2L << 60)]
    [InlineData("20 GiB", 20L << 30)] // older docs' spelling
    public void Byte_sizes_in_go_units_form_parse_to_bytes(string text, long bytes) =>
        Assert.Equal(bytes, GoByteSize.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("12GB")]
    [InlineData("12 gib")]
    [InlineData("-1GiB")]
    [InlineData("1,5GiB")]
    [InlineData("16EiB")]
    public void Text_that_is_not_a_go_units_size_is_null(string? text) => Assert.Null(GoByteSize.Parse(text));

    [Theory]
    [InlineData("30m0s", 30 * 60 * 1000.0)]
    [InlineData("1h0m0s", 3600 * 1000.0)]
    [InlineData("48h0m0s", 48 * 3600 * 1000.0)]
    [InlineData("10ms", 10.0)]
    [InlineData("0s", 0.0)]
    [InlineData("0", 0.0)]
    [InlineData("14m59.45s", (14 * 60 * 1000.0) + 59450)]
    [InlineData("1.5h", 90 * 60 * 1000.0)]
    [InlineData("250us", 0.25)]
    [InlineData("250µs", 0.25)]
    [InlineData("-2s", -2000.0)]
    public void Go_durations_parse(string text, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GoDuration.Parse(text));

    [Fact]
    public void Go_duration_keeps_sub_second_precision_to_100_ns()
    {
        Assert.Equal(TimeSpan.FromSeconds((4 * 60) + 50).Add(TimeSpan.FromTicks(9611719)), GoDuration.Parse("4m50.961171958s"));
        Assert.Equal(TimeSpan.FromTicks(15), GoDuration.Parse("1500ns"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("m")]
    [InlineData("30x")]
    [InlineData("1d")]
    [InlineData("1h30")]
    [InlineData("..s")]
    public void Text_that_is_not_a_go_duration_is_null(string? text) => Assert.Null(GoDuration.Parse(text));
}
