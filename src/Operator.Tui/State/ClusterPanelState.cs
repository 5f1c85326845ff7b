namespace Operator.Tui.State;

/// <summary>The CLUSTER panel: every node as the dashboard itself last observed it, plus the tickets still open.</summary>
/// <param name="Nodes">Every node, in a stable order.</param>
/// <param name="Leader">Leader node name, null when none is known.</param>
/// <param name="OpenTickets">Unresolved tickets read from the ticket database (oldest first).</param>
/// <param name="Note">Why there is nothing to show yet, or why the last observation failed; null when fine.</param>
/// <param name="ObservedAt">When the nodes were observed; null before the first observation.</param>
public sealed record ClusterPanelState(
    IReadOnlyList<NodeRow> Nodes,
    string? Leader,
    IReadOnlyList<TicketMark> OpenTickets,
    string? Note,
    DateTimeOffset? ObservedAt)
{
    /// <summary>Before the first observation.</summary>
    public static ClusterPanelState Waiting(string note) => new([], null, [], note, null);
}
