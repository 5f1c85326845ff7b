using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.Etcd.Invariants;

/// <summary>Every member whose process lives also answers its probes in time.</summary>
public sealed class MemberUnresponsiveInvariant : IInvariant
{
    public string Name => "member_unresponsive";

    public string Description => "every live member answers status probes within the probe timeout";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.FromSeconds(1), Severity.Critical, new Dictionary<string, double>());

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings) =>
        observation.Nodes
            .Where(n => n.State is NodeState.Unresponsive or NodeState.Paused)
            .Select(n => new Finding(n.Name, n.Name, Message(n), Snapshots.Node(observation, n)))
            .ToList();

    private static string Message(NodeObservation n)
    {
        var what = n.State == NodeState.Paused ? "is paused" : "is unresponsive";
        var process = (n.Pid, n.Process) switch
        {
            _ when Snapshots.ErrorNamesPid(n) => string.Empty,
            ({ } pid, ProcessState.Stopped) => $"; pid {pid} is stopped (SIGSTOP)",
            ({ } pid, ProcessState.Running) => $"; pid {pid} is running",
            _ => string.Empty,
        };
        return $"{n.Name} {what}: {n.Error ?? "no answer"}{process}";
    }
}
