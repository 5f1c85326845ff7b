using Operator.Core.Tickets;
using Operator.Tui.Demo;

namespace Operator.Tui.Chapters;

/// <summary>What the chapters established, in order; later chapters build on it and the summary reports it.</summary>
public sealed class DemoRecord
{
    /// <summary>The injected fault, once injected.</summary>
    public InjectedFault? Fault { get; set; }

    /// <summary>The ticket the monitor opened for the faulty node.</summary>
    public Ticket? Ticket { get; set; }

    /// <summary>The ticket with its diagnosis stored.</summary>
    public Ticket? Diagnosed { get; set; }

    /// <summary>The diagnosis on <see cref="Diagnosed"/>.</summary>
    public Core.Diagnosis.Diagnosis? Diagnosis { get; set; }

    /// <summary>When the recovery action was taken (restart, resume).</summary>
    public DateTimeOffset? RecoveryStartedAt { get; set; }

    /// <summary>When the ticket auto-resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>True once the workload was healthy again after the recovery.</summary>
    public bool WorkloadRecovered { get; set; }

    /// <summary>Detected, diagnosed and resolved: the demo did what it set out to show.</summary>
    public bool Succeeded => Ticket is not null && Diagnosis is not null && ResolvedAt is not null;
}
