namespace Operator.FakeTikv.Tikv;

/// <summary>One store as PD and Prometheus see it at one instant: what the fake's endpoints render.</summary>
public sealed record StoreSnapshot(
    ulong Id,
    int Index,
    string Address,
    string StatusAddress,
    ProcessState Process,
    MetaStoreState MetaState,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeat,
    TimeSpan HeartbeatAge,
    StoreStateName StateName,
    StoreStatusValues Status,
    StoreMetricValues Metrics)
{
    public string Name => $"store{Id}";

    /// <summary>Prometheus has samples for a store it can scrape; a killed or hung one only shows <c>up 0</c>.</summary>
    public bool Scrapable => Process == ProcessState.Running;
}
