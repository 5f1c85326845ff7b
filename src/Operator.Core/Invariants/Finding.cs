namespace Operator.Core.Invariants;

/// <summary>What one invariant check found wrong about one target, before grace periods and severity are applied.</summary>
/// <param name="Target">Node name or <c>cluster</c>.</param>
/// <param name="Node">The node concerned, or null for cluster-wide findings.</param>
/// <param name="Message">One line citing the values observed.</param>
/// <param name="Snapshot">Readings worth keeping with the ticket.</param>
public sealed record Finding(string Target, string? Node, string Message, IReadOnlyDictionary<string, object?> Snapshot);
