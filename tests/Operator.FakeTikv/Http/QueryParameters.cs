namespace Operator.FakeTikv.Http;

/// <summary>
/// Parameters of a query string or an <c>application/x-www-form-urlencoded</c> body, in order, with repeats kept
/// (PD's <c>state=0&amp;state=1</c>).
/// </summary>
public sealed class QueryParameters
{
    private readonly List<KeyValuePair<string, string>> _pairs;

    private QueryParameters(List<KeyValuePair<string, string>> pairs) => _pairs = pairs;

    public static QueryParameters Empty { get; } = new([]);

    public IReadOnlyList<KeyValuePair<string, string>> Pairs => _pairs;

    public static QueryParameters Parse(string? text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(text))
        {
            return new QueryParameters(pairs);
        }

        foreach (var part in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            pairs.Add(new(Decode(key), Decode(value)));
        }

        return new QueryParameters(pairs);
    }

    /// <summary>Parameters of both sets, this one first (Prometheus merges URL and form parameters the same way).</summary>
    public QueryParameters Merge(QueryParameters other) => new([.. _pairs, .. other._pairs]);

    public bool Has(string key) => _pairs.Exists(p => p.Key == key);

    /// <summary>The first value of <paramref name="key"/>, or null.</summary>
    public string? Get(string key)
    {
        foreach (var pair in _pairs)
        {
            if (pair.Key == key)
            {
                return pair.Value;
            }
        }

        return null;
    }

    public IReadOnlyList<string> GetAll(string key) => _pairs.Where(p => p.Key == key).Select(p => p.Value).ToList();

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
