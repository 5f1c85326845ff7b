namespace Operator.TiKV.Pd;

/// <summary>The newer <c>metapb.NodeState</c> (an integer on the wire, omitted when Preparing).</summary>
public enum PdNodeState
{
    Preparing = 0,
    Serving = 1,
    Removing = 2,
    Removed = 3,
}
