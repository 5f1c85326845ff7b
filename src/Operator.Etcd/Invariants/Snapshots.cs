using Operator.Core.Observing;

namespace Operator.Etcd.Invariants;

/// <summary>Builds the metric snapshot stored with a ticket: the readings an SRE wants at violation time.</summary>
internal static class Snapshots
{
    public static Dictionary<string, object?> Cluster(Observation o)
    {
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["observedAt"] = Core.Time.Timestamps.ToWire(o.At),
            ["leader"] = o.Fact(EtcdReadings.Leader),
            ["memberCount"] = o.Fact(EtcdReadings.MemberCount) is { } c && int.TryParse(c, out var n) ? n : o.Nodes.Count,
            ["nodes"] = o.Nodes.Select(n => new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = n.Name,
                ["state"] = n.State.ToWire(),
                ["leader"] = n.IsLeader,
                ["pid"] = n.Pid,
                ["process"] = n.Process.ToString().ToLowerInvariant(),
                ["error"] = n.Error,
            }).ToList(),
        };
    }

    public static Dictionary<string, object?> Node(Observation o, NodeObservation node)
    {
        var s = Cluster(o);
        s["node"] = node.Name;
        s["address"] = node.Address;
        s["state"] = node.State.ToWire();
        s["pid"] = node.Pid;
        s["process"] = node.Process.ToString().ToLowerInvariant();
        s["error"] = node.Error;
        s["probeLatencyMs"] = Math.Round(node.ProbeLatency.TotalMilliseconds, 1);
        s["metrics"] = new SortedDictionary<string, object?>(node.Metrics.ToDictionary(kv => kv.Key, kv => (object?)kv.Value), StringComparer.Ordinal);
        s["facts"] = new SortedDictionary<string, object?>(node.Facts.ToDictionary(kv => kv.Key, kv => (object?)kv.Value), StringComparer.Ordinal);
        return s;
    }

    /// <summary>Total members: the member list's count when known, else the nodes observed.</summary>
    public static int MemberCount(Observation o) =>
        o.Fact(EtcdReadings.MemberCount) is { } c && int.TryParse(c, out var n) && n > 0 ? Math.Max(n, o.Nodes.Count) : o.Nodes.Count;

    /// <summary>
    /// True when the probe error already names the node's pid (the subject often says "process 4121 has exited"),
    /// so messages do not state the process's fate twice.
    /// </summary>
    public static bool ErrorNamesPid(NodeObservation n) =>
        n.Pid is { } pid && n.Error?.Contains(pid.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) == true;
}
