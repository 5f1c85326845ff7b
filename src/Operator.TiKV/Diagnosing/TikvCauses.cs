namespace Operator.TiKV.Diagnosing;

/// <summary>The fixed vocabulary of TiKV cause codes a diagnosis may name.</summary>
public static class TikvCauses
{
    public const string StoreCrashed = "store_crashed";
    public const string NetworkIsolated = "network_isolated";
    public const string DiskFull = "disk_full";
    public const string SlowDisk = "slow_disk";
    public const string HotRegion = "hot_region";
    public const string PdMemberCrashed = "pd_member_crashed";
    public const string PdQuorumLost = "pd_quorum_lost";
    public const string Unknown = Core.Diagnosis.Diagnosis.UnknownCause;

    /// <summary>Every code, in the order the knowledge base lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [StoreCrashed, NetworkIsolated, DiskFull, SlowDisk, HotRegion, PdMemberCrashed, PdQuorumLost, Unknown];
}
