namespace Operator.Etcd.Diagnosing;

/// <summary>The fixed vocabulary of etcd cause codes a diagnosis may name.</summary>
public static class EtcdCauses
{
    public const string ProcessCrashed = "process_crashed";
    public const string ProcessHung = "process_hung";
    public const string NetworkPartition = "network_partition";
    public const string NetworkLatency = "network_latency";
    public const string DiskFull = "disk_full";
    public const string SlowDisk = "slow_disk";
    public const string Overload = "overload";
    public const string QuorumLost = "quorum_lost";
    public const string LeaderFlapping = "leader_flapping";
    public const string Unknown = Core.Diagnosis.Diagnosis.UnknownCause;

    /// <summary>Every code, in the order the knowledge base lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [ProcessCrashed, ProcessHung, NetworkPartition, NetworkLatency, DiskFull, SlowDisk, Overload, QuorumLost, LeaderFlapping, Unknown];
}
