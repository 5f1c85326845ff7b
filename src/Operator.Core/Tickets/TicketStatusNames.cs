namespace Operator.Core.Tickets;

/// <summary>Wire names of <see cref="TicketStatus"/> (<c>open</c>, <c>diagnosed</c>, <c>resolved</c>).</summary>
public static class TicketStatusNames
{
    public static string ToWire(this TicketStatus status) => status switch
    {
        TicketStatus.Open => "open",
        TicketStatus.Diagnosed => "diagnosed",
        TicketStatus.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? text, out TicketStatus status)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "open": status = TicketStatus.Open; return true;
            case "diagnosed": status = TicketStatus.Diagnosed; return true;
            case "resolved": status = TicketStatus.Resolved; return true;
            default: status = TicketStatus.Open; return false;
        }
    }
}
