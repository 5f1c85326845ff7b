using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.Etcd.Invariants;

/// <summary>Every member's client port accepts connections and its process exists.</summary>
public sealed class MemberDownInvariant : IInvariant
{
    public string Name => "member_down";

    public string Description => "every member answers on its client port and its process exists";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.Zero, Severity.Critical, new Dictionary<string, double>());

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var up = observation.Nodes.Count(n => n.IsUp);
        var total = Snapshots.MemberCount(observation);
        return observation.Nodes
            .Where(n => n.State == NodeState.Down)
            .Select(n => new Finding(
                n.Name,
                n.Name,
                $"{n.Name} is down: {n.Error ?? "no answer"}{ProcessNote(n)}; {up} of {total} members up",
                Snapshots.Node(observation, n)))
            .ToList();
    }

    private static string ProcessNote(NodeObservation n) => (n.Pid, n.Process) switch
    {
        _ when Snapshots.ErrorNamesPid(n) => string.Empty,
        ({ } pid, ProcessState.Gone) => $" (pid {pid} is gone)",
        ({ } pid, ProcessState.Running) => $" (pid {pid} is still running)",
        _ => string.Empty,
    };
}
