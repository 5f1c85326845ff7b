using System.Collections.Concurrent;

namespace Operator.FakeTikv.Pd;

/// <summary>
/// Paths the scenario has broken. A path is PD's full path (<c>/pd/api/v1/stores</c>) or the part after
/// <c>/pd/api/v1</c> (<c>/stores</c>); a trailing <c>*</c> matches every path with that prefix (<c>/region/id/*</c>).
/// A fault applies on every member, or only on the one named.
/// </summary>
public sealed class PdFaults
{
    private const string ApiPrefix = "/pd/api/v1";

    private readonly ConcurrentDictionary<(string Pattern, string? Member), PdFault> _faults = new();

    public void Set(string path, PdFault fault, string? member = null) => _faults[(Normalize(path), member)] = fault;

    public void Clear(string path, string? member = null) => _faults.TryRemove((Normalize(path), member), out _);

    public void ClearAll() => _faults.Clear();

    /// <summary>The fault for this member and full path, the most specific pattern first.</summary>
    public PdFault? For(string member, string path)
    {
        PdFault? found = null;
        var bestLength = -1;
        foreach (var ((pattern, only), fault) in _faults)
        {
            if (only is not null && only != member)
            {
                continue;
            }

            var matches = pattern.EndsWith('*')
                ? path.StartsWith(pattern[..^1], StringComparison.Ordinal)
                : path == pattern;
            if (matches && pattern.Length > bestLength)
            {
                found = fault;
                bestLength = pattern.Length;
            }
        }

        return found;
    }

    private static string Normalize(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var trimmed = path.Trim();
        if (!trimmed.StartsWith('/'))
        {
            trimmed = "/" + trimmed;
        }

        return trimmed.StartsWith(ApiPrefix + "/", StringComparison.Ordinal) || trimmed == ApiPrefix || trimmed == "/*"
            ? (trimmed == "/*" ? ApiPrefix + "/*" : trimmed)
            : ApiPrefix + trimmed;
    }
}
