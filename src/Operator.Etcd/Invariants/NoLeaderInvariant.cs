using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.Etcd.Invariants;

/// <summary>The reachable members know a leader (a short gap during an election is covered by the grace period).</summary>
public sealed class NoLeaderInvariant : IInvariant
{
    public string Name => "no_leader";

    public string Description => "the reachable members agree on a leader";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.FromSeconds(3), Severity.Critical, new Dictionary<string, double>());

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var up = observation.Nodes.Where(n => n.IsUp).ToList();
        if (up.Count == 0)
        {
            return null; // nothing answers: member_down / quorum_lost speak for this cycle
        }

        if (observation.Fact(EtcdReadings.Leader) is not null)
        {
            return [];
        }

        var views = string.Join(", ", up.Select(n => $"{n.Name} term {n.Metric(EtcdReadings.RaftTerm)?.ToString("0", System.Globalization.CultureInfo.InvariantCulture) ?? "?"}"
            + (n.Fact(EtcdReadings.StatusErrors) is { } e ? $" ({e})" : string.Empty)));
        return [new Finding("cluster", null, $"no leader: none of the {up.Count} reachable members knows a leader ({views})", Snapshots.Cluster(observation))];
    }
}
