namespace Operator.TiKV.Pd;

/// <summary>
/// A store's state as PD names it (<c>state_name</c>). <see cref="Disconnected"/> (no heartbeat for 20 s) and
/// <see cref="Down"/> (none for <c>max-store-down-time</c>, 30 min) are computed by PD while the stored state is Up.
/// </summary>
public enum PdStoreState
{
    /// <summary>A name this client does not know; the raw text is kept in <see cref="PdStoreMeta.StateName"/>.</summary>
    Unknown,
    Up,
    Disconnected,
    Down,
    Offline,
    Tombstone,
}
