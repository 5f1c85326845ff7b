namespace Operator.FakeTikv.Prometheus;

/// <summary>An error answer Prometheus gives to every query while <see cref="PrometheusMode.Failing"/>.</summary>
public sealed record QueryFailure(int Status, string ErrorType, string Error)
{
    /// <summary>What an overloaded Prometheus answers: 503, <c>timeout</c>.</summary>
    public static QueryFailure Timeout { get; } = new(503, "timeout", "query timed out in expression evaluation");
}
