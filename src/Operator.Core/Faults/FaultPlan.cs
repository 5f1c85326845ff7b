namespace Operator.Core.Faults;

/// <summary>What an injection will do, decided before it acts and recorded so any process can revert it.</summary>
/// <param name="Fault">The catalogue name.</param>
/// <param name="Node">The node the fault hits (ground truth), or null for a cluster-wide fault.</param>
/// <param name="Nodes">Every node the fault touches (for quorum loss, several).</param>
/// <param name="Data">Whatever else the revert needs (a key prefix, a delay), as text.</param>
public sealed record FaultPlan(string Fault, string? Node, IReadOnlyList<string> Nodes, IReadOnlyDictionary<string, string> Data)
{
    /// <summary>A plan that touches one node, or none.</summary>
    public static FaultPlan For(string fault, string? node, IReadOnlyDictionary<string, string>? data = null) =>
        new(fault, node, node is null ? [] : [node], data ?? new Dictionary<string, string>());
}
