namespace Operator.TiKV.Prometheus;

/// <summary>The Prometheus readings of one TiKV, keyed by <see cref="TikvQuery.Name"/>.</summary>
/// <param name="Instance">Prometheus' <c>instance</c> label: the store's <c>status_address</c> (<c>tikv0:20180</c>).</param>
/// <param name="Values">
/// One value per query that returned a series for this instance. A NaN (a histogram over an idle window) is left
/// out: there is no reading, rather than a number no comparison can use. Infinities are kept.
/// </param>
public sealed record TikvStoreMetrics(string Instance, IReadOnlyDictionary<string, double> Values)
{
    public double? Get(string name) => Values.TryGetValue(name, out var value) ? value : null;
}
