namespace Operator.Core.Tickets;

/// <summary>The <see cref="TicketEvent.Kind"/> values, as stored and shown.</summary>
public static class TicketEventKinds
{
    public const string Opened = "opened";
    public const string Reopened = "reopened";
    public const string Flapping = "flapping";
    public const string Cleared = "cleared";
    public const string Returned = "returned";
    public const string Resolved = "resolved";
    public const string Held = "held";
    public const string Unheld = "unheld";
    public const string SeverityChanged = "severity_changed";
    public const string Diagnosed = "diagnosed";
    public const string Claimed = "claimed";
    public const string Released = "released";
}
