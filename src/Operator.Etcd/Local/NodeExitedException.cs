using Operator.Core;

namespace Operator.Etcd.Local;

/// <summary>A member's process ended while it was being started; carries whether it was a port clash (retryable on first creation).</summary>
internal sealed class NodeExitedException : Exception
{
    public NodeExitedException(LocalNodeSpec node, string? reason, bool addressInUse)
        : base(Format(node, reason, addressInUse))
    {
        Node = node;
        AddressInUse = addressInUse;
    }

    public NodeExitedException()
    {
        Node = null!;
    }

    public NodeExitedException(string message)
        : base(message)
    {
        Node = null!;
    }

    public NodeExitedException(string message, Exception inner)
        : base(message, inner)
    {
        Node = null!;
    }

    public LocalNodeSpec Node { get; }

    public bool AddressInUse { get; }

    public OperatorException ToOperatorException() => new(Message, this);

    private static string Format(LocalNodeSpec node, string? reason, bool addressInUse) => addressInUse
        ? $"start etcd {node.Name}: one of its ports (client {node.ClientPort}, peer {node.PeerPort}, metrics {node.MetricsPort} on 127.0.0.1) is already in use ({reason}); "
          + "free it, or recreate the cluster with `operator cluster down --purge` and `operator cluster up`"
        : $"start etcd {node.Name}: the process exited ({reason ?? "no output"}); see {node.StderrFile} and {node.LogFile}";
}
