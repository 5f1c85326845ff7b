using Operator.Tui.Chapters;
using Operator.Tui.Demo;

namespace Operator.Cli.Demo;

/// <summary>
/// The narration for a TiKV cluster: PD members and stores in containers, broken with docker, traffic from go-ycsb
/// counted by TiKV itself through Prometheus.
/// </summary>
internal sealed class TikvStory : IDemoStory
{
    private readonly string _cluster;
    private readonly bool _compose;

    /// <param name="cluster">What runs, for the welcome (the compose deployment, or the cluster behind <c>--pd</c>).</param>
    /// <param name="compose">True when the compose deployment runs the cluster and its go-ycsb load.</param>
    public TikvStory(string cluster, bool compose)
    {
        _cluster = cluster;
        _compose = compose;
    }

    public string Cluster => _cluster;

    public string Health =>
        "A healthy cluster: every PD member and TiKV store answers, PD has a leader, and the monitor checks its invariants every half second "
        + "(stores up, PD members up, a PD leader, region replicas, disk space, request latency, leader balance).";

    public string Load =>
        (_compose
            ? "Now traffic: go-ycsb runs YCSB workload A (half reads, half updates, zipfian keys) on RawKV inside the compose deployment. "
            : "Now traffic: whatever load this cluster serves (the demo starts none here). ")
        + "Operator does not see the clients' own requests, so the panel shows TiKV's: the gRPC request rate and p99 over every store, "
        + "read from Prometheus each second (it scrapes every 15 s), errors not measured.";

    public string FaultWatch =>
        "CLUSTER: the store turns red under TiKV. WORKLOAD: TiKV's request rate steps down at the next scrape while its regions elect new leaders.";

    public string Detection =>
        "Every half second the monitor asks PD for its members, stores and region health, and probes each store's status port and each PD "
        + "member directly with a short deadline: a refused port opens a ticket at once, long before PD calls the store Disconnected (20 s).";

    public string Fault(DemoFault fault) => fault switch
    {
        DemoFault.Pause =>
            "Now we break it. The TiKV store holding the most region leaders will be frozen with docker pause: its processes stop, its ports "
            + "still accept connections but nothing answers — a hung node, not a dead one.",
        DemoFault.KillFollower =>
            "Now we break it. The TiKV store holding the fewest region leaders will be killed with docker kill (SIGKILL): no warning, no clean "
            + "shutdown. Its regions keep two of three replicas, so they stay available while the store is gone.",
        _ =>
            "Now we break it. The TiKV store holding the most region leaders will be killed with docker kill (SIGKILL): no warning, no clean "
            + "shutdown. Its regions have no leader until the surviving replicas elect one — the store loss clients feel most.",
    };

    public string Recovery(DemoFault fault) => (fault == DemoFault.Pause
            ? "Recovery: the container is thawed with docker unpause. "
            : "Recovery: the container is started again with docker compose start, on the same volume. ")
        + "The store reconnects to PD and catches up its regions from their leaders; the monitor sees the invariant hold again and resolves the ticket by itself.";
}
