namespace Operator.Etcd.Local.Network;

/// <summary>
/// Rules compiled for lookups: a connection is affected by the faults of the node it goes to and of the node it
/// comes from (when its <c>X-Server-From</c> names a known member). A partition of either cuts it; delays add up, as
/// they would with a slow link on each node.
/// </summary>
internal sealed class FaultPlan
{
    private readonly Dictionary<string, NetworkFault> _byNode;
    private readonly Dictionary<string, string> _nodeByMemberId;

    public FaultPlan(FaultRules rules)
    {
        Rules = rules;
        _byNode = rules.Faults.GroupBy(f => f.Node, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        _nodeByMemberId = rules.MemberIds
            .GroupBy(kv => kv.Value.ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
    }

    public FaultRules Rules { get; }

    /// <summary>The node a member id (hex, any case) belongs to, or null when unknown.</summary>
    public string? NodeOf(string? memberId) =>
        memberId is not null && _nodeByMemberId.TryGetValue(memberId.ToLowerInvariant(), out var node) ? node : null;

    /// <summary>The verdict for a connection to <paramref name="toNode"/>'s listener from <paramref name="sourceMemberId"/> (null: unknown).</summary>
    public ConnectionVerdict Decide(string toNode, string? sourceMemberId)
    {
        var cut = false;
        var delay = TimeSpan.Zero;
        void Add(string node)
        {
            if (_byNode.TryGetValue(node, out var fault))
            {
                cut |= fault.Mode == NetworkFaultMode.Partition;
                delay += fault.Mode == NetworkFaultMode.Delay ? fault.Delay : TimeSpan.Zero;
            }
        }

        Add(toNode);
        if (NodeOf(sourceMemberId) is { } from && from != toNode)
        {
            Add(from);
        }

        return new ConnectionVerdict(cut, cut ? TimeSpan.Zero : delay);
    }
}
