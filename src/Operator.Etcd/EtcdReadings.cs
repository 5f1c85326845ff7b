namespace Operator.Etcd;

/// <summary>
/// The names under which the etcd subject stores readings in <see cref="Core.Observing.NodeObservation"/>
/// and <see cref="Core.Observing.Observation"/>. Invariants and diagnosis rules read them by these names.
/// </summary>
public static class EtcdReadings
{
    // Node metrics (double)
    public const string DbSizeBytes = "db_size_bytes";                    // status.dbSize
    public const string DbSizeInUseBytes = "db_size_in_use_bytes";        // status.dbSizeInUse
    public const string QuotaBytes = "quota_bytes";                       // etcd_server_quota_backend_bytes
    public const string RaftTerm = "raft_term";                           // status.raftTerm
    public const string RaftIndex = "raft_index";                         // status.raftIndex
    public const string RaftAppliedIndex = "raft_applied_index";          // status.raftAppliedIndex
    public const string HasLeader = "has_leader";                         // etcd_server_has_leader (0/1)
    public const string LeaderChangesSeen = "leader_changes_seen_total";  // etcd_server_leader_changes_seen_total
    public const string ActivePeers = "active_peers";                     // sum of etcd_network_active_peers
    public const string PeerSentFailures = "peer_sent_failures_total";    // sum of etcd_network_peer_sent_failures_total
    public const string ProposalsPending = "proposals_pending";           // etcd_server_proposals_pending
    public const string ProposalsFailed = "proposals_failed_total";       // etcd_server_proposals_failed_total
    public const string ResidentMemoryBytes = "resident_memory_bytes";    // process_resident_memory_bytes
    public const string PeerRoundTripSeconds = "peer_round_trip_seconds"; // GET <peerURL>/raft/probing timed from send; after a timeout, the time waited (a lower bound)

    // Node histograms
    public const string RequestDuration = "request_duration_seconds";     // grpc_server_handling_seconds (unary), needs --metrics extensive
    public const string WalFsyncDuration = "wal_fsync_duration_seconds";  // etcd_disk_wal_fsync_duration_seconds
    public const string BackendCommitDuration = "backend_commit_duration_seconds"; // etcd_disk_backend_commit_duration_seconds

    // Node facts (string)
    public const string MemberId = "member_id";                           // decimal, from status header
    public const string LeaderId = "leader_id";                           // decimal; absent when the member knows no leader
    public const string Version = "version";
    public const string StatusErrors = "status_errors";                   // status.errors joined with "; "
    public const string Alarms = "alarms";                                // e.g. "NOSPACE" or "NOSPACE,CORRUPT", from status.errors
    public const string MetricsError = "metrics_error";                   // why /metrics could not be read
    public const string PeerUrl = "peer_url";                             // the http peer URL probed (from the member list)
    public const string PeerError = "peer_error";                         // "<kind>: <message>" when the peer probe failed; kinds in EtcdPeerErrors

    // Cluster facts
    public const string Leader = "leader";                                // node name the reachable members agree on; absent when none
    public const string MemberCount = "member_count";                     // from the member list, else the endpoint count
    public const string Members = "members";                              // comma-separated member names
    public const string PeerProbes = "peer_probes";                       // "unavailable: …" when no member's peer port answers the monitor while the cluster has a leader
}
