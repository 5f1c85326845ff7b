namespace Operator.Eval.Scoring;

/// <summary>What a fault did, recorded before it acts: the node it hit, the cause a right diagnosis names, and the invariant that should catch it.</summary>
/// <param name="Fault">The catalogue name (<c>kill-follower</c>, <c>pause</c>, …).</param>
/// <param name="Node">The node the fault hit, or null for a cluster-wide fault.</param>
/// <param name="Cause">The diagnosis cause that names it (<c>process_crashed</c>, …).</param>
/// <param name="Invariant">The invariant whose ticket should come first (<c>member_down</c>, …).</param>
public sealed record GroundTruth(string Fault, string? Node, string Cause, string Invariant);
