namespace Operator.Etcd.Local.Network;

/// <summary>
/// The whole set of active network faults as the fault proxy applies it, with a generation number the proxy echoes
/// back once applied, and each node's etcd member id (hex) so the proxy can tell where a connection comes from.
/// </summary>
/// <param name="Generation">Increases with every write; 0 means no rules were ever written.</param>
/// <param name="MemberIds">Node name to member id in lower-case hex, as in the <c>X-Server-From</c> header.</param>
/// <param name="Faults">At most one fault per node.</param>
internal sealed record FaultRules(long Generation, IReadOnlyDictionary<string, string> MemberIds, IReadOnlyList<NetworkFault> Faults)
{
    public static FaultRules None { get; } = new(0, new Dictionary<string, string>(), []);
}
