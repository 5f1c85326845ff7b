using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.TiKV.Invariants;

/// <summary>The PD cluster has a leader: without one, TSO allocation, region routing and all scheduling stop.</summary>
public sealed class PdNoLeaderInvariant : IInvariant
{
    public string Name => "pd_no_leader";

    public string Description => "the PD cluster has a leader";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.FromSeconds(3), Severity.Critical, new Dictionary<string, double>());

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var members = TikvSnapshots.PdMembers(observation).ToList();
        if (members.Count == 0)
        {
            return null;
        }

        if (observation.Fact(TikvReadings.PdLeader) is not null)
        {
            return [];
        }

        var answering = members.Where(m => m.IsUp).Select(m => m.Name).ToList();
        var message = answering.Count == 0
            ? $"no PD member answers ({string.Join("; ", members.Select(m => m.Error ?? $"{m.Name} {m.State.ToWire()}"))}): PD has no reachable leader"
            : $"PD has no leader: {string.Join(", ", answering)} answer{(answering.Count == 1 ? "s" : string.Empty)} but none is leader";
        return [new Finding("cluster", null, message, TikvSnapshots.Cluster(observation))];
    }
}
