namespace Operator.Core.Invariants;

/// <summary>An invariant that does not hold for one target, as reported after its grace period.</summary>
/// <param name="Invariant">Invariant name (<c>member_down</c>).</param>
/// <param name="Target">What is violated: a node name (<c>n2</c>) or <c>cluster</c>.</param>
/// <param name="Node">The node concerned, or null for cluster-wide violations.</param>
/// <param name="Severity">Configured severity.</param>
/// <param name="Message">One line a human can act on, citing the values observed.</param>
/// <param name="Snapshot">Readings at violation time, stored with the ticket (JSON-serialisable values).</param>
/// <param name="Since">When the condition was first seen in the current episode (before grace).</param>
public sealed record Violation(
    string Invariant,
    string Target,
    string? Node,
    Severity Severity,
    string Message,
    IReadOnlyDictionary<string, object?> Snapshot,
    DateTimeOffset Since)
{
    /// <summary>The dedup key <c>invariant:target</c>.</summary>
    public string Key => $"{Invariant}:{Target}";
}
