namespace Operator.Core.Metrics;

/// <summary>
/// Which series a scrape keeps: metric family names (a name also matches its histogram/summary series
/// <c>_bucket</c>, <c>_sum</c>, <c>_count</c>) and name prefixes. Matching never allocates, so the parser can
/// skip the bulk of a large /metrics page cheaply.
/// </summary>
public sealed class MetricFilter
{
    private static readonly string[] FamilySuffixes = ["_bucket", "_sum", "_count"];

    private readonly HashSet<string> _names;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;
    private readonly string[] _prefixes;

    public MetricFilter(IEnumerable<string> names, IEnumerable<string>? prefixes = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = new HashSet<string>(names, StringComparer.Ordinal);
        _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        _prefixes = prefixes?.ToArray() ?? [];
    }

    /// <summary>Keeps the given metric families (and their histogram series).</summary>
    public static MetricFilter ForNames(params string[] names) => new(names);

    /// <summary>Keeps every series whose name starts with one of <paramref name="prefixes"/>.</summary>
    public static MetricFilter ForPrefixes(params string[] prefixes) => new([], prefixes);

    public IReadOnlyCollection<string> Names => _names;

    public IReadOnlyList<string> Prefixes => _prefixes;

    /// <summary>True when a series called <paramref name="name"/> should be kept.</summary>
    public bool Matches(ReadOnlySpan<char> name)
    {
        if (_nameLookup.Contains(name))
        {
            return true;
        }

        foreach (var suffix in FamilySuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && _nameLookup.Contains(name[..^suffix.Length]))
            {
                return true;
            }
        }

        foreach (var prefix in _prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
