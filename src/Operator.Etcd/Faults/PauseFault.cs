using Operator.Core.Faults;
using Operator.Etcd.Diagnosing;
using Operator.Etcd.Local;

namespace Operator.Etcd.Faults;

/// <summary>SIGSTOP of one member: it keeps its sockets and answers nothing (a hung process); reverted by SIGCONT.</summary>
internal sealed class PauseFault : IFault
{
    private readonly EtcdFaultTargets _targets;

    public PauseFault(EtcdFaultTargets targets)
    {
        _targets = targets;
    }

    public string Name => "pause";

    public string Description => "SIGSTOP one member (it keeps its ports but answers nothing, like a hung process); revert sends SIGCONT";

    public string Cause => EtcdCauses.ProcessHung;

    public string Invariant => "member_unresponsive";

    public string? DefaultTarget => ChaosTarget.RandomKeyword;

    public async Task<FaultPlan> PlanAsync(string? target, CancellationToken cancellationToken) =>
        FaultPlan.For(Name, await _targets.ResolveAsync(target ?? ChaosTarget.RandomKeyword, cancellationToken).ConfigureAwait(false));

    public async Task<DateTimeOffset> InjectAsync(FaultPlan plan, CancellationToken cancellationToken) =>
        (await _targets.Cluster.PauseAsync(plan.Node!, cancellationToken).ConfigureAwait(false)).At;

    public Task RevertAsync(FaultPlan plan, CancellationToken cancellationToken) =>
        EtcdReverts.StartIfDownAsync(_targets.Cluster, plan.Nodes, cancellationToken);
}
