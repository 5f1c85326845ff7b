namespace Operator.TiKV.Prometheus;

/// <summary>One series of an instant vector: its labels and the value at the evaluation time.</summary>
public sealed record PromSample(IReadOnlyDictionary<string, string> Labels, DateTimeOffset Timestamp, double Value)
{
    /// <summary>The <c>instance</c> label (the scrape target: a TiKV's <c>status_address</c>); null when absent.</summary>
    public string? Instance => Labels.GetValueOrDefault("instance");
}
