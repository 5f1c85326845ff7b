namespace Operator.Core.Faults;

/// <summary>
/// One fault of a subject's catalogue: it plans (which nodes, what to undo), acts, and reverts. A revert must work
/// from the recorded <see cref="FaultPlan"/> alone, in another process, and more than once (idempotent), so a fault
/// left behind by a crashed injector can still be undone.
/// </summary>
public interface IFault
{
    /// <summary>The catalogue name users type (<c>kill-follower</c>, <c>pause</c>, …).</summary>
    string Name { get; }

    /// <summary>One line on what it does to the cluster.</summary>
    string Description { get; }

    /// <summary>The diagnosis cause that names this fault (ground truth).</summary>
    string Cause { get; }

    /// <summary>The invariant whose ticket should come first.</summary>
    string Invariant { get; }

    /// <summary>The target used when none is given (<c>random</c>, <c>follower</c>, …); null when the fault takes no target.</summary>
    string? DefaultTarget { get; }

    /// <summary>Resolves the target against the live cluster and decides everything a revert needs; acts on nothing.</summary>
    /// <param name="target">A node name or a role keyword; null for <see cref="DefaultTarget"/>.</param>
    /// <param name="cancellationToken">Cancels the lookups.</param>
    Task<FaultPlan> PlanAsync(string? target, CancellationToken cancellationToken);

    /// <summary>Acts on the cluster and returns the moment the fault took effect.</summary>
    Task<DateTimeOffset> InjectAsync(FaultPlan plan, CancellationToken cancellationToken);

    /// <summary>Undoes the fault; nothing happens for what is already undone.</summary>
    Task RevertAsync(FaultPlan plan, CancellationToken cancellationToken);
}
