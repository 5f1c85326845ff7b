namespace Operator.TiKV.Prometheus;

/// <summary>
/// Reads the cluster's throughput and p99 from Prometheus: what a load running elsewhere (go-ycsb in the compose
/// deployment) does to TiKV, seen from the servers. The figures move when Prometheus scrapes (every 15 s in the compose
/// deployment) and are rates over the query window, so a dip shows as a step, not a cliff.
/// </summary>
public sealed class TikvThroughputReader
{
    private readonly PrometheusClient _client;
    private readonly TikvQueries _queries;

    public TikvThroughputReader(PrometheusClient client, TikvQueries? queries = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _queries = queries ?? new TikvQueries();
    }

    /// <summary>Both queries at once under <paramref name="timeout"/>; never throws for Prometheus' failures.</summary>
    public async Task<TikvThroughput> ReadAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var qpsTask = _client.QueryAsync(_queries.ClusterQps, null, timeout, cancellationToken);
        var p99Task = _client.QueryAsync(_queries.ClusterGrpcP99, null, timeout, cancellationToken);
        var qps = await qpsTask.ConfigureAwait(false);
        var p99 = await p99Task.ConfigureAwait(false);
        if (!qps.Ok)
        {
            return new TikvThroughput(null, null, $"read TiKV's request rate from {_client.BaseUrl}: {qps.Failure!.Message}");
        }

        if (qps.Value!.Samples.Count == 0)
        {
            // sum() of nothing is no sample at all: no store has been scraped (yet), which is not the same as 0 requests.
            return new TikvThroughput(null, null, $"Prometheus at {_client.BaseUrl} has no tikv_grpc_msg_duration_seconds series yet");
        }

        var rate = qps.Value.Samples[0].Value;
        double? seconds = p99.Ok && p99.Value!.Samples.Count > 0 && double.IsFinite(p99.Value.Samples[0].Value) ? p99.Value.Samples[0].Value : null;
        return new TikvThroughput(double.IsFinite(rate) ? rate : null, seconds, double.IsFinite(rate) ? null : "TiKV's request rate is not a number");
    }
}
