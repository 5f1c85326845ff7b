using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.Etcd.Invariants;

/// <summary>A majority of members is up, so the cluster can commit writes.</summary>
public sealed class QuorumLostInvariant : IInvariant
{
    public string Name => "quorum_lost";

    public string Description => "a majority of members is up";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.Zero, Severity.Critical, new Dictionary<string, double>());

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var total = Snapshots.MemberCount(observation);
        if (total == 0)
        {
            return null;
        }

        var up = observation.Nodes.Where(n => n.IsUp).Select(n => n.Name).ToList();
        var majority = (total / 2) + 1;
        if (up.Count >= majority)
        {
            return [];
        }

        var who = up.Count == 0 ? "none" : string.Join(", ", up);
        return [new Finding(
            "cluster",
            null,
            $"quorum lost: {up.Count} of {total} members up ({who}); {majority} are needed to commit writes",
            Snapshots.Cluster(observation))];
    }
}
