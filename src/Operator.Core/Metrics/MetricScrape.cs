using Operator.Core.Observing;

namespace Operator.Core.Metrics;

/// <summary>The samples kept from one /metrics page, and how many examined lines were malformed and skipped.</summary>
public sealed record MetricScrape(IReadOnlyList<MetricSample> Samples, int SkippedLines)
{
    public static MetricScrape Empty { get; } = new([], 0);

    /// <summary>Every sample of series <paramref name="name"/>.</summary>
    public IEnumerable<MetricSample> Series(string name) =>
        Samples.Where(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>The first value of series <paramref name="name"/> (optionally restricted by <paramref name="where"/>), or null when absent.</summary>
    public double? Value(string name, Func<MetricSample, bool>? where = null)
    {
        foreach (var sample in Series(name))
        {
            if (where is null || where(sample))
            {
                return sample.Value;
            }
        }

        return null;
    }

    /// <summary>The sum over every sample of series <paramref name="name"/> (e.g. across peers), or null when there is none.</summary>
    public double? Sum(string name, Func<MetricSample, bool>? where = null)
    {
        double? total = null;
        foreach (var sample in Series(name))
        {
            if (where is null || where(sample))
            {
                total = (total ?? 0) + sample.Value;
            }
        }

        return total;
    }

    /// <summary>Histogram <paramref name="family"/> summed across its series; see <see cref="HistogramAssembler.Assemble"/>.</summary>
    public HistogramSnapshot? Histogram(string family, Func<MetricSample, bool>? where = null) =>
        HistogramAssembler.Assemble(Samples, family, where);
}
