namespace Operator.Etcd.Local.Network;

/// <summary>What the proxy does with one connection under the current rules: cut it, or forward it with a delay each way.</summary>
internal readonly record struct ConnectionVerdict(bool Cut, TimeSpan Delay)
{
    public static ConnectionVerdict Forward { get; } = new(false, TimeSpan.Zero);
}
