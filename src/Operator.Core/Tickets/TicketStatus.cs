namespace Operator.Core.Tickets;

/// <summary>Where a ticket is in its lifecycle (see <see cref="TicketLifecycle"/>).</summary>
public enum TicketStatus
{
    Open,
    Diagnosed,
    Resolved,
}
