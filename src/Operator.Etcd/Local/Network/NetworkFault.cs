namespace Operator.Etcd.Local.Network;

/// <summary>One active peer-network fault on a node of a local cluster with a fault proxy.</summary>
/// <param name="Node">Member name (<c>n2</c>).</param>
/// <param name="Mode">Partition or delay.</param>
/// <param name="Delay">For <see cref="NetworkFaultMode.Delay"/>, the added one-way latency; zero for a partition.</param>
public sealed record NetworkFault(string Node, NetworkFaultMode Mode, TimeSpan Delay)
{
    /// <summary>A partition of <paramref name="node"/> from its peers.</summary>
    public static NetworkFault Partition(string node) => new(node, NetworkFaultMode.Partition, TimeSpan.Zero);

    /// <summary>Peer latency of <paramref name="delay"/> each way on <paramref name="node"/>.</summary>
    public static NetworkFault Delayed(string node, TimeSpan delay) => new(node, NetworkFaultMode.Delay, delay);
}
