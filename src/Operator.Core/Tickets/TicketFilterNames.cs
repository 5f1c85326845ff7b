namespace Operator.Core.Tickets;

/// <summary>Wire names of <see cref="TicketFilter"/>, as the CLI's <c>--status</c> accepts them.</summary>
public static class TicketFilterNames
{
    /// <summary>The accepted names, for help text and error messages.</summary>
    public const string Choices = "open|diagnosed|resolved|unresolved|all";

    public static string ToWire(this TicketFilter filter) => filter switch
    {
        TicketFilter.Open => "open",
        TicketFilter.Diagnosed => "diagnosed",
        TicketFilter.Resolved => "resolved",
        TicketFilter.Unresolved => "unresolved",
        TicketFilter.All => "all",
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, null),
    };

    public static bool TryParse(string? text, out TicketFilter filter)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "open": filter = TicketFilter.Open; return true;
            case "diagnosed": filter = TicketFilter.Diagnosed; return true;
            case "resolved": filter = TicketFilter.Resolved; return true;
            case "unresolved": filter = TicketFilter.Unresolved; return true;
            case "all": filter = TicketFilter.All; return true;
            default: filter = TicketFilter.Unresolved; return false;
        }
    }
}
