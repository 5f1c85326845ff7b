using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.TiKV.Invariants;

/// <summary>Every PD member answers its ping: a member down leaves the PD quorum one failure from losing the leader.</summary>
public sealed class PdMemberDownInvariant : IInvariant
{
    public string Name => "pd_member_down";

    public string Description => "every PD member answers /pd/api/v1/ping";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.Zero, Severity.Warning, new Dictionary<string, double>());

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var members = TikvSnapshots.PdMembers(observation).ToList();
        if (members.Count == 0)
        {
            return null;
        }

        var up = members.Count(m => m.IsUp);
        return members
            .Where(m => !m.IsUp)
            .Select(m => new Finding(
                m.Name,
                m.Name,
                $"PD member {m.Name} is {m.State.ToWire()}: {m.Error ?? "no answer"}; {up} of {members.Count} PD members up",
                TikvSnapshots.Node(observation, m)))
            .ToList();
    }
}
