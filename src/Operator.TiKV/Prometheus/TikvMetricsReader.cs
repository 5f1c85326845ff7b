using Operator.Core.Http;

namespace Operator.TiKV.Prometheus;

/// <summary>
/// Runs every <see cref="TikvQueries"/> query at once under one deadline and files the answers per TiKV
/// <c>instance</c>. A missing or failing Prometheus never throws: it yields <see cref="TikvMetrics.Unavailable"/>,
/// and a partial failure yields the readings that did arrive.
/// </summary>
public sealed class TikvMetricsReader
{
    private readonly PrometheusClient _prometheus;
    private readonly TikvQueries _queries;

    public TikvMetricsReader(PrometheusClient prometheus, TikvQueries? queries = null)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        _prometheus = prometheus;
        _queries = queries ?? new TikvQueries();
    }

    /// <param name="deadline">For the whole round: the queries run concurrently, each within it.</param>
    public async Task<TikvMetrics> ReadAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        var queries = _queries.All;
        var answers = await Task.WhenAll(queries.Select(q => _prometheus.QueryAsync(q.PromQl, at: null, deadline, cancellationToken))).ConfigureAwait(false);

        var failures = new List<(TikvQuery Query, HttpFailure Failure)>();
        var stores = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        var problems = new List<string>();
        for (var i = 0; i < queries.Count; i++)
        {
            var (query, answer) = (queries[i], answers[i]);
            if (!answer.Ok)
            {
                failures.Add((query, answer.Failure));
                problems.Add($"{query.Name}: {answer.Failure.Detail}");
                continue;
            }

            if (query.Name == TikvQueries.ScrapeUp && answer.Value.Samples.Count == 0)
            {
                problems.Add($"{query.Name}: Prometheus has no {query.PromQl} series: it scrapes no TiKV under job \"{_queries.Job}\"");
            }

            foreach (var sample in answer.Value.Samples)
            {
                if (sample.Instance is not { } instance || double.IsNaN(sample.Value))
                {
                    continue;
                }

                if (!stores.TryGetValue(instance, out var values))
                {
                    stores[instance] = values = new Dictionary<string, double>(StringComparer.Ordinal);
                }

                values.TryAdd(query.Name, sample.Value);
            }
        }

        var url = DeadlineHttpClient.Display(_prometheus.BaseUrl);
        return new TikvMetrics
        {
            Prometheus = _prometheus.BaseUrl,
            Unavailable = failures.Count == queries.Count ? Unavailable(url, failures) : null,
            Stores = stores.ToDictionary(s => s.Key, s => new TikvStoreMetrics(s.Key, s.Value), StringComparer.Ordinal),
            Problems = problems,
        };
    }

    // One reason when every query failed the same way (Prometheus down), else the first one and how many more.
    private static string Unavailable(string url, List<(TikvQuery Query, HttpFailure Failure)> failures)
    {
        var details = failures.Select(f => f.Failure.Detail).Distinct(StringComparer.Ordinal).ToList();
        return details.Count == 1
            ? $"metrics unavailable: no query to {url} answered: {details[0]}"
            : $"metrics unavailable: no query to {url} answered: {failures[0].Query.Name}: {failures[0].Failure.Detail} (and {failures.Count - 1} more)";
    }
}
