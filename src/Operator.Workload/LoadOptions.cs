namespace Operator.Workload;

/// <summary>How a load run is shaped.</summary>
public sealed record LoadOptions
{
    public WorkloadSpec Workload { get; init; } = WorkloadSpec.A;

    /// <summary>Concurrent clients; client i starts on endpoint i mod the endpoint count.</summary>
    public int Clients { get; init; } = 16;

    /// <summary>Measuring time after the load phase; <see cref="TimeSpan.Zero"/> runs until cancelled.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Total ops/s across all clients on a fixed schedule, or null for closed-loop clients (as fast as they can).</summary>
    public double? TargetRate { get; init; }

    /// <summary>Keys in the key space, all written by the load phase.</summary>
    public int Records { get; init; } = 1000;

    /// <summary>Bytes per value.</summary>
    public int ValueSize { get; init; } = 100;

    public string KeyPrefix { get; init; } = KeySpace.DefaultPrefix;

    /// <summary>Reporting interval (one line each).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause of a client after every endpoint failed in turn.</summary>
    public TimeSpan ErrorBackoff { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long the start check and the load phase keep retrying through failures (an election, a member
    /// restarting) before the run gives up. An endpoint list none of which can be reached fails at once.
    /// </summary>
    public TimeSpan StartPatience { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Seeds the clients' random choices (tests); null draws fresh seeds.</summary>
    public int? Seed { get; init; }
}
