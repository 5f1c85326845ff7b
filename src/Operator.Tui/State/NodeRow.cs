using Operator.Core.Observing;

namespace Operator.Tui.State;

/// <summary>One node in the CLUSTER panel.</summary>
/// <param name="Name">Node name (<c>n1</c>).</param>
/// <param name="Role">Subject role (<c>etcd</c>; later <c>pd</c>, <c>tikv</c>).</param>
/// <param name="State">Reachability as observed by the dashboard.</param>
/// <param name="IsLeader">True for the leader.</param>
/// <param name="Detail">Subject-specific short facts (<c>term 4 · db 24 KiB</c>); empty when unknown.</param>
/// <param name="Ticket">The open ticket naming this node, if any: the node is highlighted while it is open.</param>
public sealed record NodeRow(string Name, string Role, NodeState State, bool IsLeader, string Detail, TicketMark? Ticket)
{
    public bool IsHighlighted => Ticket is not null;
}
