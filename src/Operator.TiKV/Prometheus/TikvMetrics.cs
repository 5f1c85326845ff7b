namespace Operator.TiKV.Prometheus;

/// <summary>
/// One round of TiKV metrics from Prometheus: readings per store (keyed by <c>instance</c> = PD's
/// <c>status_address</c>, never the gRPC address), or why there are none. When only some queries fail the others'
/// readings are kept and the failures listed in <see cref="Problems"/>.
/// </summary>
public sealed record TikvMetrics
{
    /// <summary>The Prometheus asked.</summary>
    public required Uri Prometheus { get; init; }

    /// <summary>"metrics unavailable: …" naming the URL and why, when no query answered; null otherwise.</summary>
    public string? Unavailable { get; init; }

    public bool Available => Unavailable is null;

    /// <summary>Readings per <c>instance</c>.</summary>
    public IReadOnlyDictionary<string, TikvStoreMetrics> Stores { get; init; } = new Dictionary<string, TikvStoreMetrics>();

    /// <summary>One line per query that failed (<c>grpc_p99_seconds: HTTP 400: bad_data: …</c>) or per oddity in the answers.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>The readings of the store whose PD <c>status_address</c> is <paramref name="statusAddress"/>; null when Prometheus has none.</summary>
    public TikvStoreMetrics? ForStore(string statusAddress) => Stores.GetValueOrDefault(statusAddress);
}
