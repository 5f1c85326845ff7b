using Operator.Core;

namespace Operator.Etcd.Local;

/// <summary>Turns a chaos target (<c>leader</c>, <c>follower</c>, <c>random</c> or a node name) into a node name.</summary>
public static class ChaosTarget
{
    public const string LeaderKeyword = "leader";
    public const string FollowerKeyword = "follower";
    public const string RandomKeyword = "random";

    /// <summary>
    /// <c>leader</c>: the up node reported as leader. <c>follower</c>: a random up node that is not the leader.
    /// <c>random</c>: a random up node. Anything else must name a node (up or not).
    /// </summary>
    /// <exception cref="OperatorException">No node fits, or the name is unknown.</exception>
    public static string Resolve(string target, IReadOnlyList<ChaosCandidate> nodes, Random random)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(random);

        switch (target)
        {
            case LeaderKeyword:
                return nodes.FirstOrDefault(n => n.IsUp && n.IsLeader)?.Name
                    ?? throw new OperatorException(
                        $"cannot pick the leader: no running node is leader right now (the cluster may have lost quorum); name a node instead ({Describe(nodes)})");
            case FollowerKeyword:
                return Pick(nodes.Where(n => n.IsUp && !n.IsLeader).ToList(), random)
                    ?? throw new OperatorException(
                        $"cannot pick a follower: no running node other than the leader ({Describe(nodes)})");
            case RandomKeyword:
                return Pick(nodes.Where(n => n.IsUp).ToList(), random)
                    ?? throw new OperatorException($"cannot pick a random node: no node is running ({Describe(nodes)})");
            default:
                return nodes.FirstOrDefault(n => n.Name == target)?.Name
                    ?? throw new OperatorException(
                        $"no node named {target}; nodes are {string.Join(", ", nodes.Select(n => n.Name))} (or use leader, follower, random)");
        }
    }

    /// <summary>Like <see cref="Resolve"/>, but null instead of an error when no node fits right now.</summary>
    public static string? TryResolve(string target, IReadOnlyList<ChaosCandidate> nodes, Random random)
    {
        try
        {
            return Resolve(target, nodes, random);
        }
        catch (OperatorException)
        {
            return null;
        }
    }

    private static string? Pick(List<ChaosCandidate> choices, Random random) =>
        choices.Count == 0 ? null : choices[random.Next(choices.Count)].Name;

    private static string Describe(IReadOnlyList<ChaosCandidate> nodes) =>
        nodes.Count == 0
            ? "no nodes"
            : string.Join(", ", nodes.Select(n => $"{n.Name} {(n.IsUp ? n.IsLeader ? "leader" : "up" : "down")}"));
}
