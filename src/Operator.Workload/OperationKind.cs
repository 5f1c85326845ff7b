namespace Operator.Workload;

/// <summary>What one workload operation does to its key.</summary>
public enum OperationKind
{
    /// <summary>Read the key (etcd: a linearizable range of one key).</summary>
    Read,

    /// <summary>Overwrite the key's value (etcd: a put).</summary>
    Update,
}
