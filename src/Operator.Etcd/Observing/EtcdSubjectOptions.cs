namespace Operator.Etcd.Observing;

/// <summary>Timing and naming knobs of <see cref="EtcdSubject"/>.</summary>
public sealed record EtcdSubjectOptions
{
    /// <summary>Deadline for one whole observation cycle (status, metrics and member list of every member).</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// How long a member's successful /metrics scrape is reused before it is fetched again. Status (state, leader,
    /// db size, alarms) is probed every cycle; metrics feed slower invariants (latency windows, quota), and a
    /// 200 KB scrape per member per cycle is most of the monitor's CPU. Zero scrapes every cycle.
    /// </summary>
    public TimeSpan MetricsInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Whether each cycle also sends <c>GET /raft/probing</c> to every member's http peer URL (from the member list),
    /// within the same deadline, to see members cut off from their peers or reached over a slow path.
    /// </summary>
    public bool ProbePeers { get; init; } = true;

    /// <summary>A peer answer slower than this is confirmed by a second probe in the same cycle (the faster one counts).</summary>
    public TimeSpan PeerConfirmAbove { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Private key the drop-detecting watch streams watch (never written by Operator).</summary>
    public string WatchKey { get; init; } = "/operator/canary";

    /// <summary>How long opening one watch stream may take, until etcd confirms creation.</summary>
    public TimeSpan WatchOpenTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>First reconnect delay after a watch stream dropped or failed to open; doubles up to <see cref="WatchBackoffMax"/>.</summary>
    public TimeSpan WatchBackoffInitial { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan WatchBackoffMax { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the watcher re-reads the endpoint source for members it is not watching yet.</summary>
    public TimeSpan EndpointRescanInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Process name a known pid must have (guards against pid reuse); null skips the check.</summary>
    public string? ProcessName { get; init; } = "etcd";
}
