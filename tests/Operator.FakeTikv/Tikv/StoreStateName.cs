namespace Operator.FakeTikv.Tikv;

/// <summary>The <c>state_name</c> PD shows for a store.</summary>
public enum StoreStateName
{
    Up,
    Disconnected,
    Down,
    Offline,
    Tombstone,
}

/// <summary>PD's rule for <c>state_name</c> (server/api/store.go, v8.5): only a stored Up state is refined by heartbeat age.</summary>
public static class StoreStateRule
{
    /// <summary>A store is Disconnected once its last heartbeat is more than this old (PD's storeDisconnectDuration).</summary>
    public static readonly TimeSpan DisconnectAfter = TimeSpan.FromSeconds(20);

    public static StoreStateName Compute(MetaStoreState meta, TimeSpan heartbeatAge, TimeSpan maxStoreDownTime) => meta switch
    {
        MetaStoreState.Offline => StoreStateName.Offline,
        MetaStoreState.Tombstone => StoreStateName.Tombstone,
        _ when heartbeatAge > maxStoreDownTime => StoreStateName.Down,
        _ when heartbeatAge > DisconnectAfter => StoreStateName.Disconnected,
        _ => StoreStateName.Up,
    };

    /// <summary>metapb.NodeState for a stored state: 1 Serving, 2 Removing, 3 Removed.</summary>
    public static int NodeState(MetaStoreState meta) => meta switch
    {
        MetaStoreState.Offline => 2,
        MetaStoreState.Tombstone => 3,
        _ => 1,
    };

    /// <summary>Parses a state name case-insensitively (<c>disconnected</c>, <c>Up</c>); numbers are not names.</summary>
    public static bool TryParse(string text, out StoreStateName name)
    {
        name = default;
        return text.Length > 0 && text.All(char.IsAsciiLetter) && Enum.TryParse(text, ignoreCase: true, out name);
    }
}
