using System.Text.Json.Serialization;

namespace Operator.TiKV.Pd;

/// <summary>
/// The <c>store</c> half of a store entry: every <c>metapb.Store</c> field plus <c>state_name</c>. Protobuf zero
/// values are omitted on the wire (an Up store has no <c>state</c> key) and read as zero/empty here.
/// </summary>
public sealed record PdStoreMeta
{
    /// <summary>Store id; ids share one allocator with regions and peers, so never assume 1, 2, 3.</summary>
    [JsonPropertyName("id")]
    public ulong Id { get; init; }

    /// <summary>gRPC address (<c>tikv0:20160</c>): not where Prometheus scrapes.</summary>
    [JsonPropertyName("address")]
    public string Address { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("state")]
    public PdStoredState StoredState { get; init; }

    [JsonPropertyName("labels")]
    public IReadOnlyList<PdStoreLabel> Labels { get; init => field = value ?? []; } = [];

    /// <summary>TiKV version without the <c>v</c> prefix (<c>8.5.5</c>).</summary>
    [JsonPropertyName("version")]
    public string Version { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("peer_address")]
    public string PeerAddress { get; init => field = value ?? ""; } = "";

    /// <summary>TiKV status server (<c>tikv0:20180</c>): the Prometheus <c>instance</c> and the probe target.</summary>
    [JsonPropertyName("status_address")]
    public string StatusAddress { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("git_hash")]
    public string GitHash { get; init => field = value ?? ""; } = "";

    /// <summary>Process start, unix seconds.</summary>
    [JsonPropertyName("start_timestamp")]
    public long StartTimestamp { get; init; }

    [JsonPropertyName("deploy_path")]
    public string DeployPath { get; init => field = value ?? ""; } = "";

    /// <summary>Last store heartbeat PD received, unix nanoseconds.</summary>
    [JsonPropertyName("last_heartbeat")]
    public long LastHeartbeat { get; init; }

    [JsonPropertyName("physically_destroyed")]
    public bool PhysicallyDestroyed { get; init; }

    [JsonPropertyName("node_state")]
    public PdNodeState NodeState { get; init; }

    /// <summary>PD's state name exactly as sent (kept even when <see cref="State"/> does not know it).</summary>
    [JsonPropertyName("state_name")]
    public string StateName { get; init => field = value ?? ""; } = "";

    /// <summary><see cref="StateName"/> as a state; without a name, the stored state; an unknown name is <see cref="PdStoreState.Unknown"/>.</summary>
    [JsonIgnore]
    public PdStoreState State => StateName switch
    {
        "" => StoredState switch
        {
            PdStoredState.Up => PdStoreState.Up,
            PdStoredState.Offline => PdStoreState.Offline,
            PdStoredState.Tombstone => PdStoreState.Tombstone,
            _ => PdStoreState.Unknown,
        },
        _ when StateName.Equals("Up", StringComparison.OrdinalIgnoreCase) => PdStoreState.Up,
        _ when StateName.Equals("Disconnected", StringComparison.OrdinalIgnoreCase) => PdStoreState.Disconnected,
        _ when StateName.Equals("Down", StringComparison.OrdinalIgnoreCase) => PdStoreState.Down,
        _ when StateName.Equals("Offline", StringComparison.OrdinalIgnoreCase) => PdStoreState.Offline,
        _ when StateName.Equals("Tombstone", StringComparison.OrdinalIgnoreCase) => PdStoreState.Tombstone,
        _ => PdStoreState.Unknown,
    };

    /// <summary><see cref="LastHeartbeat"/> as a time; null before the first heartbeat.</summary>
    [JsonIgnore]
    public DateTimeOffset? LastHeartbeatAt => LastHeartbeat > 0 ? DateTimeOffset.UnixEpoch.AddTicks(LastHeartbeat / 100) : null;

    /// <summary>How long ago PD last heard from the store at <paramref name="now"/>; null before the first heartbeat.</summary>
    public TimeSpan? HeartbeatAge(DateTimeOffset now) => LastHeartbeatAt is { } at ? now - at : null;
}
