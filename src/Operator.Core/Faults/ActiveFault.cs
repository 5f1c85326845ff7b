namespace Operator.Core.Faults;

/// <summary>
/// One entry of the dead-man record: an injection registered before it acted. It stays until its revert succeeded,
/// so <c>chaos revert --all</c> (or the next evaluation run) can undo faults a crashed process left behind.
/// </summary>
/// <param name="Id">Unique id of the injection.</param>
/// <param name="Plan">What was (or was about to be) done.</param>
/// <param name="Cause">The ground-truth cause.</param>
/// <param name="Invariant">The invariant that should catch it.</param>
/// <param name="RegisteredAt">When the entry was written (before acting), ISO-8601 UTC.</param>
/// <param name="InjectedAt">When the fault took effect; null while injecting or if the injector died first.</param>
/// <param name="ExpiresAt">When <c>--duration</c> should have reverted it; null without a duration.</param>
/// <param name="InjectorPid">The process that injected it.</param>
public sealed record ActiveFault(
    string Id,
    FaultPlan Plan,
    string Cause,
    string Invariant,
    string RegisteredAt,
    string? InjectedAt,
    string? ExpiresAt,
    int InjectorPid);
