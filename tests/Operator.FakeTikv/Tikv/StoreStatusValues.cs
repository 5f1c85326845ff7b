namespace Operator.FakeTikv.Tikv;

/// <summary>
/// The numbers a store reports to PD (PD's <c>status</c> object), also exported to Prometheus as
/// <c>tikv_store_size_bytes</c> and <c>tikv_raftstore_region_count</c>. Disk use as PD sees it is
/// <c>1 − Available/Capacity</c>; <see cref="UsedBytes"/> is TiKV's own data size.
/// </summary>
public sealed record StoreStatusValues
{
    public long CapacityBytes { get; init; } = 250L << 30;

    public long AvailableBytes { get; init; } = (long)(187.4 * (1L << 30));

    public long UsedBytes { get; init; } = 56L << 30;

    public int LeaderCount { get; init; }

    public long LeaderSizeMiB { get; init; }

    public int RegionCount { get; init; }

    public long RegionSizeMiB { get; init; }

    public double LeaderWeight { get; init; } = 1;

    public double RegionWeight { get; init; } = 1;

    /// <summary>1 when healthy, up to 100; PD treats ≥ 80 as slow.</summary>
    public int SlowScore { get; init; } = 1;

    public int PendingPeerCount { get; init; }

    public int SendingSnapCount { get; init; }

    public int ReceivingSnapCount { get; init; }

    public bool IsBusy { get; init; }
}
