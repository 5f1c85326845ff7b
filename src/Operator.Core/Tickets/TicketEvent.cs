namespace Operator.Core.Tickets;

/// <summary>One entry of a ticket's history.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Kind">One of <see cref="TicketEventKinds"/>.</param>
/// <param name="Detail">One human-readable line.</param>
public sealed record TicketEvent(DateTimeOffset At, string Kind, string Detail);
