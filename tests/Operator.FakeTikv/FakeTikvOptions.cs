namespace Operator.FakeTikv;

/// <summary>The shape of a fake TiKV cluster. Defaults: 3 PD members (pd1 leads), 3 stores (ids 1, 4, 5), 36 regions.</summary>
public sealed record FakeTikvOptions
{
    public int PdCount { get; init; } = 3;

    public int StoreCount { get; init; } = 3;

    /// <summary>Regions in the key space; generated on demand, so 1,000,000 costs no memory.</summary>
    public long RegionCount { get; init; } = 36;

    /// <summary>Regions that miss a peer from the start (<c>/regions/check/miss-peer</c>).</summary>
    public int MissPeerRegions { get; init; }

    /// <summary>The PD leader's name; default <c>pd1</c> (or <c>pd0</c> alone), so a client's first endpoint is a follower.</summary>
    public string? PdLeader { get; init; }

    /// <summary>False: cluster-scoped PD endpoints answer ErrNotBootstrapped until <see cref="FakeTikvCluster.Bootstrap"/>.</summary>
    public bool Bootstrapped { get; init; } = true;

    /// <summary>TiKV's store heartbeat interval (10 s); zero makes a live store's last heartbeat always "now".</summary>
    public TimeSpan StoreHeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>PD's max-store-down-time: a silent store turns Down after this long.</summary>
    public TimeSpan MaxStoreDownTime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Fixed ports of the PD members, in member order (like the compose deployment's host ports); null takes free ports.</summary>
    public IReadOnlyList<int>? PdPorts { get; init; }

    /// <summary>Fixed ports of the stores' status servers, in store order; null takes free ports.</summary>
    public IReadOnlyList<int>? StatusPorts { get; init; }

    /// <summary>A fixed port for Prometheus; null takes a free one.</summary>
    public int? PrometheusPort { get; init; }

    /// <summary>
    /// The gRPC address PD lists for each store, by position (e.g. <c>tikv0:20160</c>, as in the docker-compose
    /// deployment); stores past the list, or all without one, get a loopback port nobody listens on.
    /// </summary>
    public IReadOnlyList<string>? StoreAddresses { get; init; }

    /// <summary>Seeds the random parts (cluster id, member ids) so runs are reproducible.</summary>
    public int Seed { get; init; } = 20260125;
}
