namespace Operator.FakeTikv.Tikv;

/// <summary>
/// What Prometheus has scraped from one store: request rate, p99 latencies (seconds) of the histograms the operator
/// queries, CPU. An <see cref="Idle"/> store serves no requests, so its rates are 0 and its quantiles NaN.
/// </summary>
public sealed record StoreMetricValues
{
    /// <summary>gRPC messages per second (rate of <c>tikv_grpc_msg_duration_seconds_count</c>).</summary>
    public double Qps { get; init; } = 850;

    public double GrpcP99Seconds { get; init; } = 0.0042;

    /// <summary><c>tikv_storage_engine_async_request_duration_seconds{type="write"}</c>.</summary>
    public double WriteP99Seconds { get; init; } = 0.0031;

    public double AppendLogP99Seconds { get; init; } = 0.0012;

    public double CommitLogP99Seconds { get; init; } = 0.0025;

    public double ApplyLogP99Seconds { get; init; } = 0.0008;

    /// <summary><c>tikv_raftstore_request_wait_time_duration_secs</c>: raft propose wait.</summary>
    public double ProposeWaitP99Seconds { get; init; } = 0.0004;

    public double ApplyWaitP99Seconds { get; init; } = 0.0003;

    /// <summary>Rate of <c>process_cpu_seconds_total</c>: 1.0 is one core.</summary>
    public double CpuCores { get; init; } = 0.42;

    public long ResidentMemoryBytes { get; init; } = 1_288_490_189;

    /// <summary><c>tikv_raftstore_leader_missing</c>: regions whose leader has been missing for long.</summary>
    public int LeaderMissing { get; init; }

    public bool Idle { get; init; }
}
