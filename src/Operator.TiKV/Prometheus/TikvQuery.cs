namespace Operator.TiKV.Prometheus;

/// <summary>One named PromQL query that yields at most one series per TiKV <c>instance</c>.</summary>
/// <param name="Name">The reading name its values are filed under (mostly <see cref="TikvReadings"/> names).</param>
/// <param name="PromQl">The query.</param>
public sealed record TikvQuery(string Name, string PromQl);
