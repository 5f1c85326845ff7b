using Operator.Core.Observing;

namespace Operator.TiKV.Invariants;

/// <summary>The readings kept with a TiKV ticket: the cluster as PD and the probes saw it, and the node concerned.</summary>
internal static class TikvSnapshots
{
    public static Dictionary<string, object?> Cluster(Observation o)
    {
        var facts = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in o.Facts)
        {
            facts[key] = value;
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["observedAt"] = Core.Time.Timestamps.ToWire(o.At),
            ["pdLeader"] = o.Fact(TikvReadings.PdLeader),
            ["facts"] = facts,
            ["nodes"] = o.Nodes.Select(n => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = n.Name,
                ["role"] = n.Role,
                ["state"] = n.State.ToWire(),
                ["pdState"] = n.Fact(TikvReadings.PdStateName),
                ["leader"] = n.IsLeader,
                ["error"] = n.Error,
            }).ToList(),
            ["errors"] = o.Errors.ToList(),
        };
    }

    public static Dictionary<string, object?> Node(Observation o, NodeObservation node)
    {
        var s = Cluster(o);
        s["node"] = node.Name;
        s["role"] = node.Role;
        s["address"] = node.Address;
        s["state"] = node.State.ToWire();
        s["error"] = node.Error;
        s["probeLatencyMs"] = Math.Round(node.ProbeLatency.TotalMilliseconds, 1);
        s["metrics"] = new SortedDictionary<string, object?>(node.Metrics.ToDictionary(kv => kv.Key, kv => (object?)kv.Value), StringComparer.Ordinal);
        s["nodeFacts"] = new SortedDictionary<string, object?>(node.Facts.ToDictionary(kv => kv.Key, kv => (object?)kv.Value), StringComparer.Ordinal);
        return s;
    }

    public static IEnumerable<NodeObservation> Stores(Observation o) => o.Nodes.Where(n => n.Role == TikvReadings.TikvRole);

    public static IEnumerable<NodeObservation> PdMembers(Observation o) => o.Nodes.Where(n => n.Role == TikvReadings.PdRole);

    /// <summary>A cluster fact that holds a count, or null when it was not observed.</summary>
    public static long? Count(Observation o, string fact) =>
        o.Fact(fact) is { } text && long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
