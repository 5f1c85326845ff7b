namespace Operator.Core.Tickets;

/// <summary>What the lifecycle needs to know about a key that has no unresolved ticket, to detect flapping.</summary>
/// <param name="RecentOpenings">Openings plus reopenings of the key within the flap window before now.</param>
/// <param name="Latest">The key's most recent ticket (resolved), or null if it never had one.</param>
public sealed record TicketKeyHistory(int RecentOpenings, Ticket? Latest)
{
    public static TicketKeyHistory None { get; } = new(0, null);
}
