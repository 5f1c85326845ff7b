using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.Etcd.Invariants;

/// <summary>No NOSPACE or CORRUPT alarm is raised (read from member-local status, which works without quorum).</summary>
public sealed class AlarmActiveInvariant : IInvariant
{
    public string Name => "alarm_active";

    public string Description => "no member reports a NOSPACE or CORRUPT alarm";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.Zero, Severity.Critical, new Dictionary<string, double>());

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var up = observation.Nodes.Where(n => n.IsUp).ToList();
        if (up.Count == 0)
        {
            return null;
        }

        var alarms = up
            .SelectMany(n => (n.Fact(EtcdReadings.Alarms) ?? string.Empty)
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(a => (Node: n.Name, Alarm: a)))
            .ToList();
        if (alarms.Count == 0)
        {
            return [];
        }

        var kinds = alarms.Select(a => a.Alarm).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var reporters = alarms.Select(a => a.Node).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var snapshot = Snapshots.Cluster(observation);
        snapshot["alarms"] = kinds;
        var hint = kinds.Contains("NOSPACE") ? "; writes are rejected until space is reclaimed and the alarm disarmed" : string.Empty;
        return [new Finding("cluster", null, $"alarm {string.Join(", ", kinds)} active (reported by {string.Join(", ", reporters)}){hint}", snapshot)];
    }
}
