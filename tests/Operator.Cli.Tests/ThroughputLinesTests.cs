using Operator.Cli.Demo;

namespace Operator.Cli.Tests;

/// <summary>The TiKV demo's WORKLOAD child speaks these lines; the dashboard turns them into panel updates.</summary>
public sealed class ThroughputLinesTests
{
    [Fact]
    public void A_point_carries_rate_and_p99_and_leaves_errors_unknown()
    {
        var update = ThroughputLines.ToUpdate(ThroughputLines.Point(7, 2550.456, 4.2));

        Assert.NotNull(update?.Point);
        Assert.Equal(7, update.Point.Second);
        Assert.Equal(2550.46, update.Point.OpsPerSec);
        Assert.Equal(4.2, update.Point.P99Ms);
        Assert.Null(update.Point.Errors);
    }

    [Fact]
    public void A_point_without_p99_has_none()
    {
        Assert.Null(ThroughputLines.ToUpdate(ThroughputLines.Point(1, 0, null))!.Point!.P99Ms);
    }

    [Fact]
    public void Describe_and_error_lines_become_the_panel_text_not_points()
    {
        var describe = ThroughputLines.ToUpdate(ThroughputLines.Describe(ThroughputLines.DescribeFor(new Uri("http://127.0.0.1:9090"), compose: true)));
        var error = ThroughputLines.ToUpdate(ThroughputLines.Error(3, "Prometheus at http://127.0.0.1:9090/ has no tikv_grpc_msg_duration_seconds series yet"));

        Assert.Equal("TiKV gRPC rate from Prometheus 127.0.0.1:9090 · load: go-ycsb in compose", describe!.Describe);
        Assert.Null(describe.Point);
        Assert.StartsWith("Prometheus at", error!.LastError, StringComparison.Ordinal);
        Assert.Null(error.Point);
    }

    [Theory]
    [InlineData("Unhandled exception. System.Exception: boom")]
    [InlineData("{\"second\":\"x\"}")]
    public void Anything_else_is_shown_as_the_last_error(string line)
    {
        Assert.Equal(line, ThroughputLines.ToUpdate(line)!.LastError);
    }

    [Fact]
    public void Blank_lines_carry_nothing()
    {
        Assert.Null(ThroughputLines.ToUpdate("  "));
    }
}
