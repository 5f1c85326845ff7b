namespace Operator.Etcd.Client;

/// <summary>Transport settings for <see cref="EtcdClient"/>.</summary>
public sealed record EtcdClientOptions
{
    /// <summary>Upper bound for establishing a TCP connection; each request's own deadline may cut it shorter.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an idle pooled connection is kept.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest JSON answer accepted; anything bigger is garbage.</summary>
    public int MaxJsonBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest /metrics page accepted (etcd's is about 200 KiB with --metrics extensive).</summary>
    public int MaxMetricsBytes { get; init; } = 32 * 1024 * 1024;
}
