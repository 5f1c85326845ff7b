namespace Operator.Core.Tickets;

/// <summary>One step of the lifecycle: the ticket as it must be stored afterwards and the events to append.</summary>
/// <param name="Transition">What happened.</param>
/// <param name="Ticket">The ticket after the step (<see cref="Ticket.Id"/> 0 when it is to be inserted).</param>
/// <param name="Events">History entries to append, in order.</param>
public sealed record TicketDecision(TicketTransition Transition, Ticket Ticket, IReadOnlyList<TicketEvent> Events)
{
    public static TicketDecision Unchanged(Ticket ticket) => new(TicketTransition.Unchanged, ticket, []);
}
