namespace Operator.TiKV.Logs;

/// <summary>What a classified TiKV or PD log line is evidence of (matched on the message text, never on file:line).</summary>
public enum TikvLogEventKind
{
    // Region raft (raft-rs, INFO; fields term, raft_id, region_id).

    /// <summary><c>became leader at term N</c>: this peer is the region's new leader.</summary>
    BecameLeader,

    /// <summary><c>became follower at term N</c>: stepped down, or follows a new leader.</summary>
    BecameFollower,

    /// <summary><c>became candidate at term N</c> / <c>became pre-candidate at term N</c>: an election is under way.</summary>
    BecameCandidate,

    /// <summary><c>starting a new election</c>: the election timeout fired, the peer lost its leader.</summary>
    ElectionStarted,

    /// <summary><c>received a message with higher term from X</c>: another peer campaigned.</summary>
    HigherTermReceived,

    /// <summary>
    /// A leader transfer: <c>transfer leader</c>, <c>try to transfer leader</c>, <c>propose transfer leader command</c>,
    /// <c>[term N] starts to transfer leadership to X</c>, <c>[term N] received MsgTimeoutNow from X …</c>.
    /// </summary>
    TransferLeader,

    /// <summary><c>reject to transfer leader</c>: a PD-requested transfer was refused.</summary>
    TransferLeaderRejected,

    /// <summary><c>leader missing longer than abnormal_leader_missing_duration</c> (WARN): a region without leader for 10 min.</summary>
    LeaderMissing,

    // Snapshots (raftstore).

    /// <summary><c>start sending snapshot</c>: the leader sends a snapshot to a lagging follower.</summary>
    SnapshotSending,

    /// <summary><c>sent snapshot</c>: a snapshot transfer finished.</summary>
    SnapshotSent,

    /// <summary><c>begin to apply snapshot</c>: a follower is applying a snapshot.</summary>
    SnapshotApplying,

    /// <summary><c>apply snapshot with state ok</c>: a follower applied a snapshot.</summary>
    SnapshotApplied,

    // Slowness.

    /// <summary>A WARN line with a <c>takes</c> field (TiKV's slow_log!, milliseconds).</summary>
    SlowOperation,

    /// <summary><c>scheduling store_heartbeat timeout, force report store slow score to pd.</c> (WARN).</summary>
    SlowScoreForced,

    // The store and PD.

    /// <summary><c>store heartbeat failed</c> (ERROR) or <c>failed to send heartbeat</c> (WARN): heartbeats to PD fail.</summary>
    PdHeartbeatFailed,

    /// <summary><c>connect failed</c>, <c>reconnect failed</c>, <c>connect pd failed</c>: PD is unreachable.</summary>
    PdUnreachable,

    // Peer stores (raft client).

    /// <summary>
    /// The raft connection to a peer store broke or cannot be made: <c>connection aborted</c>, <c>connection abort</c>,
    /// <c>wait connect timeout</c>, <c>resolve store address failed</c>, <c>broadcasting unreachable</c>.
    /// </summary>
    PeerUnreachable,

    /// <summary><c>connection established</c>: a peer store is reachable again.</summary>
    PeerConnected,

    // PD server.

    /// <summary><c>campaign PD leader ok</c>: this PD member won the PD leader election.</summary>
    PdLeaderElected,

    /// <summary><c>PD leader is ready to serve</c>.</summary>
    PdLeaderReady,

    /// <summary><c>exit PD leader</c> or <c>etcd leader changed, resigns pd leadership</c>.</summary>
    PdLeaderLost,

    /// <summary><c>store has been offline</c> (WARN).</summary>
    StoreOffline,

    /// <summary><c>store has been up</c> (WARN).</summary>
    StoreUp,

    /// <summary><c>store has been Tombstone</c> (WARN).</summary>
    StoreTombstone,

    /// <summary><c>store has changed to serving</c>.</summary>
    StoreServing,

    /// <summary><c>add operator</c>.</summary>
    OperatorAdded,

    /// <summary><c>operator finish</c>.</summary>
    OperatorFinished,

    /// <summary><c>operator timeout</c>.</summary>
    OperatorTimedOut,

    /// <summary><c>operator canceled</c>.</summary>
    OperatorCanceled,

    /// <summary><c>replace old operator</c>.</summary>
    OperatorReplaced,
}
