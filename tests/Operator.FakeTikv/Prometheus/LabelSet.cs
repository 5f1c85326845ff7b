using System.Text;

namespace Operator.FakeTikv.Prometheus;

/// <summary>
/// An immutable, name-sorted set of labels (including <c>__name__</c> when present), comparable by value. Cheap to
/// derive from (filters keep the order, nothing is re-sorted): a query over a thousand stores' histograms makes
/// hundreds of thousands of these.
/// </summary>
public sealed class LabelSet : IEquatable<LabelSet>
{
    public const string MetricName = "__name__";

    private readonly KeyValuePair<string, string>[] _labels;
    private int? _hash;
    private string? _signature;
    private LabelSet? _withoutName;

    private LabelSet(KeyValuePair<string, string>[] sorted) => _labels = sorted;

    public static LabelSet Empty { get; } = new([]);

    public IReadOnlyList<KeyValuePair<string, string>> Labels => _labels;

    /// <summary>A string equal for equal sets and ordered like the labels: how results are sorted.</summary>
    public string Signature => _signature ??= BuildSignature(_labels);

    public static LabelSet Of(params (string Name, string Value)[] labels) =>
        From(labels.Select(l => new KeyValuePair<string, string>(l.Name, l.Value)));

    public static LabelSet From(IEnumerable<KeyValuePair<string, string>> labels)
    {
        // Prometheus drops empty labels: an empty value means "no such label". A later duplicate wins.
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in labels)
        {
            byName[name] = value;
        }

        var sorted = byName.Where(l => l.Value.Length > 0).ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return new LabelSet(sorted);
    }

    /// <summary>The union of two sets; labels of <paramref name="other"/> win (an empty value there removes the label).</summary>
    public LabelSet Merge(LabelSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._labels.Length == 0)
        {
            return this;
        }

        var merged = new KeyValuePair<string, string>[_labels.Length + other._labels.Length];
        int i = 0, j = 0, n = 0;
        while (i < _labels.Length || j < other._labels.Length)
        {
            var order = i == _labels.Length ? 1 : j == other._labels.Length ? -1 : string.CompareOrdinal(_labels[i].Key, other._labels[j].Key);
            if (order < 0)
            {
                merged[n++] = _labels[i++];
                continue;
            }

            if (order == 0)
            {
                i++;
            }

            if (other._labels[j].Value.Length > 0)
            {
                merged[n++] = other._labels[j];
            }

            j++;
        }

        return new LabelSet(n == merged.Length ? merged : merged[..n]);
    }

    /// <summary>The label's value, or "" when absent (PromQL's view of a missing label).</summary>
    public string Get(string name)
    {
        foreach (var (key, value) in _labels)
        {
            if (key == name)
            {
                return value;
            }
        }

        return "";
    }

    public LabelSet With(string name, string value) => Merge(new LabelSet([new(name, value)]));

    public LabelSet Without(IReadOnlyCollection<string> names)
    {
        var list = names.ToArray();
        return Filter(l => !Includes(list, l.Key));
    }

    /// <summary>The set without <c>__name__</c>; remembered, since every function and arithmetic result asks for it.</summary>
    public LabelSet WithoutName()
    {
        if (_withoutName is { } known)
        {
            return known;
        }

        var at = Array.FindIndex(_labels, static l => l.Key == MetricName);
        return _withoutName = at < 0 ? this : new LabelSet([.. _labels[..at], .. _labels[(at + 1)..]]);
    }

    public LabelSet Only(IReadOnlyCollection<string> names)
    {
        var list = names.ToArray();
        return Filter(l => Includes(list, l.Key));
    }

    public bool Equals(LabelSet? other) =>
        other is not null && GetHashCode() == other.GetHashCode() && _labels.AsSpan().SequenceEqual(other._labels);

    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    // Computed on first use: most label sets are intermediate and never hashed.
    public override int GetHashCode() => _hash ??= ComputeHash(_labels);

    public override string ToString() => "{" + string.Join(", ", _labels.Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";

    private LabelSet Filter(Func<KeyValuePair<string, string>, bool> keep)
    {
        Span<bool> kept = stackalloc bool[_labels.Length];
        var count = 0;
        for (var i = 0; i < _labels.Length; i++)
        {
            kept[i] = keep(_labels[i]);
            count += kept[i] ? 1 : 0;
        }

        if (count == _labels.Length)
        {
            return this;
        }

        var result = new KeyValuePair<string, string>[count];
        for (int i = 0, n = 0; i < _labels.Length; i++)
        {
            if (kept[i])
            {
                result[n++] = _labels[i];
            }
        }

        return new LabelSet(result);
    }

    /// <summary>
    /// Compares label sets on some labels only (PromQL's <c>by</c>/<c>on</c>, or all but <c>without</c>/<c>ignoring</c>)
    /// without building the reduced sets: grouping a thousand stores' buckets then allocates nothing per sample.
    /// </summary>
    public sealed class Projection(IReadOnlyCollection<string> names, bool only) : IEqualityComparer<LabelSet>
    {
        private readonly string[] _names = [.. names];

        public static Projection AllButName { get; } = new([MetricName], only: false);

        public LabelSet Apply(LabelSet labels)
        {
            ArgumentNullException.ThrowIfNull(labels);
            return only ? labels.Only(_names) : labels.Without(_names);
        }

        public bool Equals(LabelSet? x, LabelSet? y)
        {
            if (x is null || y is null)
            {
                return ReferenceEquals(x, y);
            }

            int i = 0, j = 0;
            while (true)
            {
                i = Next(x._labels, i);
                j = Next(y._labels, j);
                if (i == x._labels.Length || j == y._labels.Length)
                {
                    return i == x._labels.Length && j == y._labels.Length;
                }

                if (x._labels[i].Key != y._labels[j].Key || x._labels[i].Value != y._labels[j].Value)
                {
                    return false;
                }

                i++;
                j++;
            }
        }

        public int GetHashCode(LabelSet obj)
        {
            ArgumentNullException.ThrowIfNull(obj);
            var hash = default(HashCode);
            for (var i = Next(obj._labels, 0); i < obj._labels.Length; i = Next(obj._labels, i + 1))
            {
                hash.Add(obj._labels[i].Key, StringComparer.Ordinal);
                hash.Add(obj._labels[i].Value, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }

        private int Next(KeyValuePair<string, string>[] labels, int from)
        {
            while (from < labels.Length && Includes(_names, labels[from].Key) != only)
            {
                from++;
            }

            return from;
        }
    }

    private static bool Includes(string[] names, string name)
    {
        foreach (var candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int ComputeHash(KeyValuePair<string, string>[] labels)
    {
        var hash = default(HashCode);
        foreach (var (name, value) in labels)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    private static string BuildSignature(KeyValuePair<string, string>[] labels)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            text.Append(name).Append('\u0001').Append(value).Append('\u0002');
        }

        return text.ToString();
    }
}
