using Operator.Tui.Demo;

namespace Operator.Tui.Chapters;

/// <summary>The narration for the local etcd cluster: processes signalled directly.</summary>
public sealed class EtcdStory : IDemoStory
{
    public static EtcdStory Instance { get; } = new();

    public string Cluster => "an etcd cluster running on this machine";

    public string Health =>
        "A healthy cluster: every member answers, one of them leads, and the monitor checks its invariants every half second "
        + "(member up and responsive, a leader, quorum, no alarms, database size, request latency, leader stability).";

    public string Load =>
        "Now traffic: a YCSB-style workload (half reads, half updates, zipfian keys) from concurrent clients spread over every member. "
        + "The generator is its own process and reports every second; a client whose member fails moves to the next one.";

    public string FaultWatch => "CLUSTER: the node turns red. WORKLOAD: requests to it fail until their clients fail over.";

    public string Detection =>
        "The monitor probes every member concurrently with a short deadline and keeps a watch stream open to each: a stream that drops "
        + "triggers a check at once instead of waiting for the next tick. A broken invariant becomes a ticket in the database the agent reads.";

    public string Fault(DemoFault fault) => fault == DemoFault.Pause
        ? "Now we break it. The leader will be frozen with SIGSTOP: the process still exists and holds its ports, but answers nothing — "
          + "what a hung disk, a stuck GC or a wedged kernel call looks like from outside."
        : $"Now we break it. {Capital(fault.Victim())} will be killed with SIGKILL: no warning, no clean shutdown — "
          + "what a crashed machine or an OOM kill looks like to the rest of the cluster.";

    public string Recovery(DemoFault fault) => (fault == DemoFault.Pause
            ? "Recovery: the frozen process is resumed with SIGCONT. "
            : "Recovery: the node is started again with its data dir and flags. ")
        + "It rejoins and catches up from the leader; the monitor sees the invariant hold again and resolves the ticket by itself.";

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
