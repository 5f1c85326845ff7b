using System.Collections.Concurrent;

namespace Operator.FakeTikv.Http;

/// <summary>
/// Counts the requests each fake server received, by method and path (without the query), so a test can assert what a
/// client called — e.g. that nobody fetched PD's <c>/regions</c>. Counted on arrival, also when the server then hangs.
/// </summary>
public sealed class RequestLog
{
    private readonly ConcurrentDictionary<(string Server, string Method, string Path), int> _counts = new();

    public void Record(string server, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _counts.AddOrUpdate((server, request.Method, request.Path), 1, (_, n) => n + 1);
    }

    /// <summary>Requests for <paramref name="path"/> (exact, e.g. <c>/pd/api/v1/regions</c>) on any server, any method.</summary>
    public int CountOf(string path) => _counts.Where(c => c.Key.Path == path).Sum(c => c.Value);

    /// <summary>Requests for <paramref name="path"/> on one server (<c>pd0</c>, <c>store4</c>, <c>prometheus</c>).</summary>
    public int CountOf(string server, string path) => _counts.Where(c => c.Key.Server == server && c.Key.Path == path).Sum(c => c.Value);

    /// <summary>Requests whose path starts with <paramref name="prefix"/>, on any server.</summary>
    public int CountWithPrefix(string prefix) => _counts.Where(c => c.Key.Path.StartsWith(prefix, StringComparison.Ordinal)).Sum(c => c.Value);

    public int Total => _counts.Values.Sum();

    /// <summary>Every (server, method, path) seen so far with its count, ordered.</summary>
    public IReadOnlyList<RequestCount> Snapshot() =>
        _counts.Select(c => new RequestCount(c.Key.Server, c.Key.Method, c.Key.Path, c.Value))
            .OrderBy(c => c.Server, StringComparer.Ordinal)
            .ThenBy(c => c.Path, StringComparer.Ordinal)
            .ThenBy(c => c.Method, StringComparer.Ordinal)
            .ToList();

    public void Clear() => _counts.Clear();
}

/// <summary>How many times one server received one method and path.</summary>
public sealed record RequestCount(string Server, string Method, string Path, int Count);
