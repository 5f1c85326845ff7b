using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.TiKV.Invariants;

/// <summary>
/// Every PD member answers its ping: a member down leaves the PD quorum one failure from losing the leader. A refused
/// ping counts at once; one that times out only after <c>unresponsive_seconds</c>.
/// </summary>
public sealed class PdMemberDownInvariant : IInvariant
{
    public string Name => "pd_member_down";

    public string Description => "every PD member answers /pd/api/v1/ping";

    private readonly UnresponsivePatience _patience = new();

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.Zero, Severity.Warning, new Dictionary<string, double>
    {
        [UnresponsivePatience.Parameter] = UnresponsivePatience.DefaultSeconds,
    });

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var members = TikvSnapshots.PdMembers(observation).ToList();
        if (members.Count == 0)
        {
            return null;
        }

        var patience = TimeSpan.FromSeconds(settings.Parameter(UnresponsivePatience.Parameter, UnresponsivePatience.DefaultSeconds));
        var down = members.Where(m => _patience.IsDown(m, observation.At, patience)).ToList();
        var up = members.Count(m => m.IsUp);
        return down
            .Select(m => new Finding(
                m.Name,
                m.Name,
                $"PD member {m.Name} is {m.State.ToWire()}: {m.Error ?? "no answer"}; {up} of {members.Count} PD members up",
                TikvSnapshots.Node(observation, m)))
            .ToList();
    }
}
