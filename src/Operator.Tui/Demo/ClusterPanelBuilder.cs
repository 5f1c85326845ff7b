using Operator.Core.Diagnosis;
using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Core.Tickets;
using Operator.Tui.State;

namespace Operator.Tui.Demo;

/// <summary>Joins the dashboard's own observation with the unresolved tickets from the database into the CLUSTER panel's state.</summary>
public static class ClusterPanelBuilder
{
    /// <param name="observation">The latest observation, null before the first.</param>
    /// <param name="unresolved">Unresolved tickets, oldest first.</param>
    /// <param name="detail">Subject-specific facts for a node's row.</param>
    /// <param name="note">Shown when set (e.g. "starting the cluster…", or why observing failed).</param>
    public static ClusterPanelState Build(Observation? observation, IReadOnlyList<Ticket> unresolved, Func<NodeObservation, string> detail, string? note)
    {
        ArgumentNullException.ThrowIfNull(unresolved);
        ArgumentNullException.ThrowIfNull(detail);
        var marks = unresolved.Where(t => !t.IsResolved).Select(Mark).ToList();
        if (observation is null)
        {
            return new ClusterPanelState([], null, marks, note ?? "waiting for the first observation…", null);
        }

        var rows = observation.Nodes
            .Select(n => new NodeRow(n.Name, n.Role, n.State, n.IsLeader && n.IsUp, detail(n), marks.FirstOrDefault(m => m.Node == n.Name)))
            .ToList();
        var problems = observation.Errors.Count > 0 ? string.Join("; ", observation.Errors) : null;
        return new ClusterPanelState(rows, observation.Leader?.Name, marks, note ?? problems, observation.At);
    }

    private static TicketMark Mark(Ticket t) =>
        new(t.Id, t.Key, t.Node, t.Severity.ToWire(), t.Status.ToWire(), DiagnosisJson.TryDeserialize(t.Diagnosis)?.Cause);
}
