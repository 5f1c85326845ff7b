namespace Operator.Tui.State;

/// <summary>An unresolved ticket as the dashboard shows it.</summary>
/// <param name="Id">Ticket number.</param>
/// <param name="Key"><c>invariant:target</c>, e.g. <c>member_down:n1</c>.</param>
/// <param name="Node">Node the ticket names, null for cluster-wide tickets.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>critical</c>.</param>
/// <param name="Status"><c>open</c> or <c>diagnosed</c>.</param>
/// <param name="Cause">The diagnosis cause code once diagnosed (<c>process_crashed</c>), else null.</param>
public sealed record TicketMark(long Id, string Key, string? Node, string Severity, string Status, string? Cause);
