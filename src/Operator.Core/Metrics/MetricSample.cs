namespace Operator.Core.Metrics;

/// <summary>One line of a Prometheus text exposition: series name, labels, value and optional timestamp (ms since the epoch).</summary>
public sealed record MetricSample(string Name, IReadOnlyList<MetricLabel> Labels, double Value, long? TimestampMs = null)
{
    /// <summary>The value of label <paramref name="name"/>, or null when the sample does not carry it.</summary>
    public string? Label(string name)
    {
        foreach (var label in Labels)
        {
            if (string.Equals(label.Name, name, StringComparison.Ordinal))
            {
                return label.Value;
            }
        }

        return null;
    }

    /// <summary>True when the sample carries label <paramref name="name"/> with exactly <paramref name="value"/>.</summary>
    public bool HasLabel(string name, string value) => string.Equals(Label(name), value, StringComparison.Ordinal);
}
