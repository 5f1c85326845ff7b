using System.Text;

namespace Operator.FakeTikv.Prometheus;

/// <summary>An immutable, name-sorted set of labels (including <c>__name__</c> when present), comparable by value.</summary>
public sealed class LabelSet : IEquatable<LabelSet>
{
    public const string MetricName = "__name__";

    private readonly KeyValuePair<string, string>[] _labels;

    private LabelSet(KeyValuePair<string, string>[] sorted)
    {
        _labels = sorted;
        Signature = BuildSignature(sorted);
    }

    public static LabelSet Empty { get; } = new([]);

    public IReadOnlyList<KeyValuePair<string, string>> Labels => _labels;

    /// <summary>A string equal for equal sets: the key for grouping and matching.</summary>
    public string Signature { get; }

    public static LabelSet Of(params (string Name, string Value)[] labels) =>
        From(labels.Select(l => new KeyValuePair<string, string>(l.Name, l.Value)));

    public static LabelSet From(IEnumerable<KeyValuePair<string, string>> labels)
    {
        var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in labels)
        {
            // Prometheus drops empty labels: an empty value means "no such label".
            if (value.Length > 0)
            {
                byName[name] = value;
            }
        }

        return new LabelSet([.. byName]);
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

    public LabelSet With(string name, string value) => From(_labels.Where(l => l.Key != name).Append(new(name, value)));

    public LabelSet Without(IReadOnlyCollection<string> names) => From(_labels.Where(l => !names.Contains(l.Key)));

    public LabelSet WithoutName() => Without([MetricName]);

    public LabelSet Only(IReadOnlyCollection<string> names) => From(_labels.Where(l => names.Contains(l.Key)));

    public bool Equals(LabelSet? other) => other is not null && Signature == other.Signature;

    public override bool Equals(object? obj) => Equals(obj as LabelSet);

    public override int GetHashCode() => Signature.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => "{" + string.Join(", ", _labels.Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";

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
