namespace Operator.TiKV;

/// <summary>
/// Names of the readings the TiKV subject puts on observations: the only vocabulary its invariants and diagnosis rules
/// read. Node roles are <see cref="PdRole"/> (PD members, named by their PD name, e.g. <c>pd0</c>) and
/// <see cref="TikvRole"/> (stores, named <c>store&lt;id&gt;</c>, e.g. <c>store4</c>: the store id is what PD, its
/// metrics and its logs use, and it survives restarts and address changes).
/// </summary>
public static class TikvReadings
{
    public const string PdRole = "pd";
    public const string TikvRole = "tikv";

    // Store node metrics (numbers).
    public const string StoreId = "store_id";                            // PD store id
    public const string CapacityBytes = "capacity_bytes";                // PD status.capacity
    public const string AvailableBytes = "available_bytes";              // PD status.available
    public const string UsedBytes = "used_bytes";                        // PD status.used_size (TiKV data size)
    public const string DiskUsedRatio = "disk_used_ratio";               // 1 − available/capacity (PD's view), else from Prometheus
    public const string LeaderCount = "leader_count";                    // PD status.leader_count
    public const string RegionCount = "region_count";                    // PD status.region_count
    public const string PendingPeerCount = "pending_peer_count";         // PD status.pending_peer_count
    public const string SlowScore = "slow_score";                        // PD status.slow_score (1 healthy … 100)
    public const string HeartbeatAgeSeconds = "heartbeat_age_seconds";   // now − store.last_heartbeat (PD)
    public const string Qps = "qps";                                     // Prometheus: gRPC messages/s
    public const string GrpcP99Seconds = "grpc_p99_seconds";             // Prometheus: p99 gRPC message duration
    public const string WriteP99Seconds = "write_p99_seconds";           // Prometheus: p99 async write duration
    public const string ProposeP99Seconds = "propose_p99_seconds";       // Prometheus: p99 raft propose wait
    public const string CommitP99Seconds = "commit_p99_seconds";         // Prometheus: p99 raft commit log
    public const string ApplyP99Seconds = "apply_p99_seconds";           // Prometheus: p99 raft apply log
    public const string CpuCores = "cpu_cores";                          // Prometheus: rate(process_cpu_seconds_total)
    public const string LeaderMissing = "leader_missing";                // Prometheus: tikv_raftstore_leader_missing

    // Store node facts (text).
    public const string Address = "address";                             // gRPC address (tikv0:20160)
    public const string StatusAddress = "status_address";                // status server (tikv0:20180), the Prometheus instance
    public const string Version = "version";
    public const string PdStateName = "pd_state";                        // PD's state_name: Up, Disconnected, Down, Offline, Tombstone
    public const string MetricsError = "metrics_error";                  // why Prometheus readings are missing for this store

    // PD member facts.
    public const string MemberId = "member_id";
    public const string ClientUrl = "client_url";

    // Cluster facts (text; numbers rendered invariantly).
    public const string PdLeader = "pd_leader";                          // PD leader name; absent when none
    public const string StoreCount = "store_count";
    public const string TotalRegions = "total_regions";                  // GET /regions/count
    public const string MissPeerRegions = "miss_peer_regions";           // count from /regions/check/miss-peer
    public const string DownPeerRegions = "down_peer_regions";
    public const string PendingPeerRegions = "pending_peer_regions";
    public const string OfflinePeerRegions = "offline_peer_regions";
    public const string ExtraPeerRegions = "extra_peer_regions";
    public const string RegionSample = "region_sample";                  // a few region ids per check, e.g. "miss-peer: 2, 14, 30"
    public const string Prometheus = "prometheus";                       // "ok", or "unavailable: <why>"
}
