namespace Operator.Core.Tickets;

/// <summary>What <see cref="TicketLifecycle"/> decided for one ticket.</summary>
public enum TicketTransition
{
    /// <summary>Nothing to write.</summary>
    Unchanged,

    /// <summary>A new ticket for a violation without an unresolved ticket.</summary>
    Opened,

    /// <summary>The violation of an unresolved ticket was reported again.</summary>
    Refreshed,

    /// <summary>A resolved ticket came back because its violation is flapping.</summary>
    Reopened,

    /// <summary>The violation cleared, but the ticket stays unresolved because it is held or flapping.</summary>
    KeptOpen,

    /// <summary>Resolved, automatically or by hand.</summary>
    Resolved,

    Held,
    Unheld,
    Diagnosed,
}
