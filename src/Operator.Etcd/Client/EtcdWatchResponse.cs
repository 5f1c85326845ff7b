using System.Text.Json.Serialization;

namespace Operator.Etcd.Client;

/// <summary>One message of a watch stream (the <c>result</c> of a line): creation, cancellation or events.</summary>
public sealed record EtcdWatchResponse
{
    [JsonPropertyName("header")]
    public EtcdResponseHeader Header { get; init => field = value ?? EtcdResponseHeader.Empty; } = EtcdResponseHeader.Empty;

    [JsonPropertyName("watch_id")]
    public long WatchId { get; init; }

    [JsonPropertyName("created")]
    public bool Created { get; init; }

    [JsonPropertyName("canceled")]
    public bool Canceled { get; init; }

    [JsonPropertyName("cancel_reason")]
    public string CancelReason { get; init => field = value ?? ""; } = "";

    [JsonPropertyName("compact_revision")]
    public long CompactRevision { get; init; }

    [JsonPropertyName("events")]
    public IReadOnlyList<EtcdWatchEvent> Events { get; init => field = value ?? []; } = [];
}
