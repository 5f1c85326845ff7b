using Operator.Tui.State;

namespace Operator.Tui.Views;

/// <summary>The CLUSTER panel's nodes of one role under a title (<c>PD</c>, <c>TiKV</c>).</summary>
/// <param name="Role">The role the nodes share.</param>
/// <param name="Title">What the group is called on screen.</param>
/// <param name="Nodes">The nodes, in the panel's order.</param>
internal sealed record NodeGroup(string Role, string Title, IReadOnlyList<NodeRow?> Nodes);
