namespace Operator.Core.Tickets;

/// <summary>Which tickets <see cref="TicketStore.ListAsync"/> returns.</summary>
public enum TicketFilter
{
    /// <summary>Status open only.</summary>
    Open,

    /// <summary>Status diagnosed only.</summary>
    Diagnosed,

    /// <summary>Status resolved only.</summary>
    Resolved,

    /// <summary>Open or diagnosed.</summary>
    Unresolved,

    /// <summary>Every ticket.</summary>
    All,
}
