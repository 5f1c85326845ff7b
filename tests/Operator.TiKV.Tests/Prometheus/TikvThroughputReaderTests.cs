using Operator.FakeTikv;
using Operator.TiKV.Prometheus;

namespace Operator.TiKV.Tests.Prometheus;

/// <summary>The cluster-wide request rate and p99 the TiKV demo's WORKLOAD panel shows, read from the fake Prometheus.</summary>
public sealed class TikvThroughputReaderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Rate_is_the_sum_over_every_store_and_p99_is_over_every_request()
    {
        await using var cluster = FakeTikvCluster.Start();
        foreach (var store in cluster.Stores)
        {
            store.Metrics = store.Metrics with { Qps = 100, GrpcP99Seconds = 0.004 };
        }

        using var client = new PrometheusClient(new Uri(cluster.Prometheus.Url));
        var read = await new TikvThroughputReader(client).ReadAsync(Timeout, CancellationToken.None);

        Assert.Null(read.Unavailable);
        Assert.Equal(300, read.OpsPerSec!.Value, 6);
        Assert.Equal(0.004, read.P99Seconds!.Value, 6);
        Assert.Empty(cluster.Prometheus.Queries.Unknown);
    }

    [Fact]
    public async Task A_killed_store_drops_out_of_the_rate()
    {
        await using var cluster = FakeTikvCluster.Start();
        foreach (var store in cluster.Stores)
        {
            store.Metrics = store.Metrics with { Qps = 100 };
        }

        cluster.Store(4).Kill();
        using var client = new PrometheusClient(new Uri(cluster.Prometheus.Url));
        var read = await new TikvThroughputReader(client).ReadAsync(Timeout, CancellationToken.None);

        Assert.Equal(200, read.OpsPerSec!.Value, 6);
    }

    [Fact]
    public async Task Prometheus_down_is_unavailable_with_the_reason_never_zero()
    {
        await using var cluster = FakeTikvCluster.Start();
        cluster.Prometheus.GoDown();
        using var client = new PrometheusClient(new Uri(cluster.Prometheus.Url));

        var read = await new TikvThroughputReader(client).ReadAsync(Timeout, CancellationToken.None);

        Assert.Null(read.OpsPerSec);
        Assert.StartsWith($"read TiKV's request rate from {cluster.Prometheus.Url}", read.Unavailable, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_scraped_store_is_unavailable_not_zero()
    {
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { StoreCount = 1 });
        cluster.Stores[0].Kill();
        using var client = new PrometheusClient(new Uri(cluster.Prometheus.Url));

        var read = await new TikvThroughputReader(client).ReadAsync(Timeout, CancellationToken.None);

        Assert.Null(read.OpsPerSec);
        Assert.Contains("has no tikv_grpc_msg_duration_seconds series", read.Unavailable, StringComparison.Ordinal);
    }
}
