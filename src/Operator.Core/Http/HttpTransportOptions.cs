namespace Operator.Core.Http;

/// <summary>Connection settings for <see cref="DeadlineHttpClient"/>.</summary>
public sealed record HttpTransportOptions
{
    /// <summary>Upper bound for establishing a TCP connection; each request's own deadline may cut it shorter.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long an idle pooled connection is kept.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
