namespace Operator.Etcd.Tests.Local;

/// <summary>Real-etcd test classes run one after another: the machine has two cores.</summary>
[CollectionDefinition(Name)]
public sealed class LocalEtcdCollection
{
    public const string Name = "local etcd";
}
