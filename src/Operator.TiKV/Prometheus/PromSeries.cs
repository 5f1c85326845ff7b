namespace Operator.TiKV.Prometheus;

/// <summary>One series of a range query (a matrix): its labels and points in time order.</summary>
public sealed record PromSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PromPoint> Points)
{
    /// <summary>The <c>instance</c> label; null when absent.</summary>
    public string? Instance => Labels.GetValueOrDefault("instance");
}
