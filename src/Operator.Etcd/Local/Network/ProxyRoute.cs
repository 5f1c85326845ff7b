namespace Operator.Etcd.Local.Network;

/// <summary>One listener of the fault proxy: connections to <paramref name="ListenPort"/> go on to the member's peer port.</summary>
/// <param name="Node">Member name the listener stands in front of.</param>
/// <param name="ListenPort">Loopback port peers connect to (the member's advertised peer port).</param>
/// <param name="TargetPort">Loopback port the member's etcd listens on for peers.</param>
public sealed record ProxyRoute(string Node, int ListenPort, int TargetPort);
