namespace Operator.Etcd.Diagnosing;

/// <summary>How much log the <see cref="EtcdContextGatherer"/> reads.</summary>
public sealed record EtcdContextGathererOptions
{
    /// <summary>The affected node's last lines kept.</summary>
    public int NodeLines { get; init; } = 50;

    /// <summary>Peer lines kept (most recent) across all peers.</summary>
    public int PeerLines { get; init; } = 50;

    /// <summary>Bytes read from the end of each file.</summary>
    public int TailBytes { get; init; } = ZapLogParser.DefaultTailBytes;

    /// <summary>Process name the pid must belong to (pid reuse counts as gone); null accepts any.</summary>
    public string? ProcessName { get; init; } = "etcd";
}
