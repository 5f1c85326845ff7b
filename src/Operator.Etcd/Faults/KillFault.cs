using Operator.Core.Faults;
using Operator.Etcd.Diagnosing;

namespace Operator.Etcd.Faults;

/// <summary>SIGKILL of the leader or of a follower; reverted by starting it again with its data dir and flags.</summary>
internal sealed class KillFault : IFault
{
    private readonly EtcdFaultTargets _targets;
    private readonly string _role;

    /// <param name="targets">Resolves the role against the live cluster.</param>
    /// <param name="role"><c>leader</c> or <c>follower</c>.</param>
    public KillFault(EtcdFaultTargets targets, string role)
    {
        _targets = targets;
        _role = role;
    }

    public string Name => "kill-" + _role;

    public string Description => $"SIGKILL the {_role}'s etcd process; revert starts it again with the same data dir and flags";

    public string Cause => EtcdCauses.ProcessCrashed;

    public string Invariant => "member_down";

    public string? DefaultTarget => null;

    public async Task<FaultPlan> PlanAsync(string? target, CancellationToken cancellationToken) =>
        FaultPlan.For(Name, await _targets.ResolveAsync(_role, cancellationToken).ConfigureAwait(false));

    public async Task<DateTimeOffset> InjectAsync(FaultPlan plan, CancellationToken cancellationToken) =>
        (await _targets.Cluster.KillAsync(plan.Node!, cancellationToken).ConfigureAwait(false)).At;

    public Task RevertAsync(FaultPlan plan, CancellationToken cancellationToken) =>
        EtcdReverts.StartIfDownAsync(_targets.Cluster, plan.Nodes, cancellationToken);
}
