using System.Globalization;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.Etcd.Invariants;

/// <summary>Leadership stays put: no more than a few leader changes within a window.</summary>
public sealed class LeaderFlappingInvariant : IInvariant
{
    private readonly Queue<(DateTimeOffset At, string From, string To)> _changes = new();
    private string? _lastLeader;

    public string Name => "leader_flapping";

    public string Description => "the leader changes fewer than `changes` times within the window";

    public InvariantSettings Defaults { get; } = new(true, TimeSpan.Zero, Severity.Warning, new Dictionary<string, double>
    {
        ["changes"] = 3,
        ["window_seconds"] = 300,
    });

    public IReadOnlyList<Finding>? Check(Observation observation, InvariantSettings settings)
    {
        var threshold = (int)settings.Parameter("changes", 3);
        var window = TimeSpan.FromSeconds(settings.Parameter("window_seconds", 300));

        // An election gap (no leader) is not a change; a change is a new leader differing from the last one seen.
        if (observation.Fact(EtcdReadings.Leader) is { } leader)
        {
            if (_lastLeader is not null && leader != _lastLeader)
            {
                _changes.Enqueue((observation.At, _lastLeader, leader));
            }

            _lastLeader = leader;
        }

        while (_changes.Count > 0 && observation.At - _changes.Peek().At > window)
        {
            _changes.Dequeue();
        }

        if (_changes.Count < threshold)
        {
            return [];
        }

        var list = _changes.ToList();
        var history = string.Join(", ", list.Select(c => $"{c.From}→{c.To} at {c.At.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}"));
        var snapshot = Snapshots.Cluster(observation);
        snapshot["leaderChanges"] = list.Select(c => new Dictionary<string, object?>
        {
            ["at"] = Core.Time.Timestamps.ToWire(c.At),
            ["from"] = c.From,
            ["to"] = c.To,
        }).ToList();
        return [new Finding(
            "cluster",
            null,
            $"leader changed {list.Count} times in the last {Core.Time.DurationText.Format(window)} ({history})",
            snapshot)];
    }
}
