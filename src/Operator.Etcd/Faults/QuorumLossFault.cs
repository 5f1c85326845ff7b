using Operator.Core.Faults;
using Operator.Etcd.Diagnosing;

namespace Operator.Etcd.Faults;

/// <summary>SIGKILL of a majority of members at once: the survivors keep answering but cannot elect a leader or write.</summary>
internal sealed class QuorumLossFault : IFault
{
    private readonly EtcdFaultTargets _targets;

    public QuorumLossFault(EtcdFaultTargets targets)
    {
        _targets = targets;
    }

    public string Name => "quorum-loss";

    public string Description => "SIGKILL a majority of members (2 of 3); revert starts them again";

    public string Cause => EtcdCauses.QuorumLost;

    public string Invariant => "quorum_lost";

    public string? DefaultTarget => null;

    public Task<FaultPlan> PlanAsync(string? target, CancellationToken cancellationToken) =>
        Task.FromResult(new FaultPlan(Name, null, _targets.Majority(), new Dictionary<string, string>()));

    /// <summary>Kills them all at once (one monitor cycle sees them go together); quorum is gone with the last kill, the moment returned.</summary>
    public async Task<DateTimeOffset> InjectAsync(FaultPlan plan, CancellationToken cancellationToken)
    {
        var kills = await Task.WhenAll(plan.Nodes.Select(node => _targets.Cluster.KillAsync(node, cancellationToken))).ConfigureAwait(false);
        return kills.Max(k => k.At);
    }

    public Task RevertAsync(FaultPlan plan, CancellationToken cancellationToken) =>
        EtcdReverts.StartIfDownAsync(_targets.Cluster, plan.Nodes, cancellationToken);
}
