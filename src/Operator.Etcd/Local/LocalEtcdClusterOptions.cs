namespace Operator.Etcd.Local;

/// <summary>Timing and lookup knobs of <see cref="LocalEtcdCluster"/>; the defaults suit the CLI.</summary>
public sealed record LocalEtcdClusterOptions
{
    /// <summary>How long <c>up</c> and <c>restart</c> wait for members to answer.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long <c>down</c> waits after SIGTERM before SIGKILL.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>PATH-style directories searched for <c>etcd</c>; null means the process's PATH.</summary>
    public string? SearchPath { get; init; }

    /// <summary>
    /// The command (program first) that runs the peer fault proxy; the cluster appends the state-dir option (its absolute path) and starts
    /// it detached. Null creates new clusters without a proxy; an existing cluster that has one then cannot be started.
    /// </summary>
    public IReadOnlyList<string>? FaultProxyCommand { get; init; }

    /// <summary>Largest cluster <c>up</c> creates.</summary>
    public int MaxNodes { get; init; } = 9;
}
