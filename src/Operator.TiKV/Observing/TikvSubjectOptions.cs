namespace Operator.TiKV.Observing;

/// <summary>Timing and addressing knobs of <see cref="TikvSubject"/>.</summary>
public sealed record TikvSubjectOptions
{
    /// <summary>Deadline for each request of a cycle (PD calls, then the status and ping probes).</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Least deadline for each PD API request (members, stores, region counts and checks). Their answers are larger
    /// than a probe's (a thousand stores are a megabyte of JSON) and PD's view only corroborates: a PD answer that
    /// is late is not a PD member that is down; that is what the pings decide, under <see cref="ProbeTimeout"/>.
    /// </summary>
    public TimeSpan PdTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many status probes and pings are in flight at once; each one's deadline starts when it is sent.</summary>
    public int ProbeConcurrency { get; init; } = 64;

    /// <summary>
    /// How long one Prometheus reading is reused. Prometheus scrapes every 15 s, so asking every cycle buys nothing; the
    /// reading runs in the background and never delays a cycle.
    /// </summary>
    public TimeSpan MetricsInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadline for one Prometheus reading (all queries together).</summary>
    public TimeSpan MetricsTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Where to ping PD members, by member name, when the client URLs PD advertises are not reachable from here (docker
    /// compose advertises <c>http://pd0:2379</c>); members not listed are pinged at their first advertised client URL.
    /// </summary>
    public IReadOnlyDictionary<string, Uri> PdMemberUrls { get; init; } = new Dictionary<string, Uri>();
}
