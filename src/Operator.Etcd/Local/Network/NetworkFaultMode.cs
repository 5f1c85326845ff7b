namespace Operator.Etcd.Local.Network;

/// <summary>What the fault proxy does to a node's peer traffic.</summary>
public enum NetworkFaultMode
{
    /// <summary>Every peer connection to or from the node is cut, and new ones are closed at once.</summary>
    Partition,

    /// <summary>Bytes on every peer connection to or from the node wait the fault's delay, each way.</summary>
    Delay,
}
