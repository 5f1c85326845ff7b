using Operator.Core.Observing;

namespace Operator.TiKV.Invariants;

/// <summary>
/// When a node whose probe timed out counts as down: a refused connection (nothing listens) counts at once, a
/// timeout only once it has lasted the patience, so one slow answer on a busy host opens nothing.
/// </summary>
internal sealed class UnresponsivePatience
{
    public const string Parameter = "unresponsive_seconds";
    public const double DefaultSeconds = 2;

    private readonly Dictionary<string, DateTimeOffset> _since = new(StringComparer.Ordinal);

    /// <summary>Records this cycle's state of <paramref name="node"/>; true when it counts as down.</summary>
    public bool IsDown(NodeObservation node, DateTimeOffset at, TimeSpan patience)
    {
        if (node.State != NodeState.Unresponsive)
        {
            _since.Remove(node.Name);
            return node.State is NodeState.Down or NodeState.Paused;
        }

        _since.TryAdd(node.Name, at);
        return at - _since[node.Name] >= patience;
    }
}
