using Operator.Core.Metrics;

namespace Operator.Etcd.Observing;

/// <summary>The Prometheus series the etcd subject reads from /metrics, and the filter that keeps only them.</summary>
internal static class EtcdMetricFamilies
{
    public const string QuotaBackendBytes = "etcd_server_quota_backend_bytes";
    public const string HasLeader = "etcd_server_has_leader";
    public const string LeaderChangesSeen = "etcd_server_leader_changes_seen_total";
    public const string ActivePeers = "etcd_network_active_peers";
    public const string PeerSentFailures = "etcd_network_peer_sent_failures_total";
    public const string ProposalsPending = "etcd_server_proposals_pending";
    public const string ProposalsFailed = "etcd_server_proposals_failed_total";
    public const string ResidentMemory = "process_resident_memory_bytes";
    public const string GrpcHandlingSeconds = "grpc_server_handling_seconds";
    public const string WalFsyncSeconds = "etcd_disk_wal_fsync_duration_seconds";
    public const string BackendCommitSeconds = "etcd_disk_backend_commit_duration_seconds";

    public static MetricFilter Filter { get; } = MetricFilter.ForNames(
        QuotaBackendBytes,
        HasLeader,
        LeaderChangesSeen,
        ActivePeers,
        PeerSentFailures,
        ProposalsPending,
        ProposalsFailed,
        ResidentMemory,
        GrpcHandlingSeconds,
        WalFsyncSeconds,
        BackendCommitSeconds);
}
