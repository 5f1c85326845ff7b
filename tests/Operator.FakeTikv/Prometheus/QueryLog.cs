using System.Collections.Concurrent;

namespace Operator.FakeTikv.Prometheus;

/// <summary>
/// The PromQL the fake Prometheus was asked, with counts, and which of it the fake could not answer for real (not
/// understood, or naming a metric no target exports) — those were answered with an empty vector.
/// </summary>
public sealed class QueryLog
{
    private readonly ConcurrentDictionary<string, int> _all = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _unknown = new(StringComparer.Ordinal);

    /// <summary>Every distinct query string asked so far, with how often.</summary>
    public IReadOnlyDictionary<string, int> All => new Dictionary<string, int>(_all, StringComparer.Ordinal);

    /// <summary>Queries answered with an empty vector because the fake did not understand them, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Unknown => new Dictionary<string, string>(_unknown, StringComparer.Ordinal);

    public int CountOf(string query) => _all.GetValueOrDefault(query);

    /// <summary>How many asked queries contain <paramref name="fragment"/> (e.g. a metric name).</summary>
    public int CountContaining(string fragment) => _all.Where(q => q.Key.Contains(fragment, StringComparison.Ordinal)).Sum(q => q.Value);

    public void Clear()
    {
        _all.Clear();
        _unknown.Clear();
    }

    internal void Asked(string query) => _all.AddOrUpdate(query, 1, (_, n) => n + 1);

    internal void NotUnderstood(string query, string reason) => _unknown[query] = reason;
}
