namespace Operator.Eval.Running;

/// <summary>The cluster and daemons an evaluation runs against (for etcd: the run's own local cluster, monitor and agent).</summary>
public interface IEvalEnvironment
{
    /// <summary>Brings the cluster back to full health (members started or resumed, network healed); null when healthy, else why not.</summary>
    Task<string?> ResetAsync(CancellationToken cancellationToken);

    /// <summary>Null when the cluster is healthy right now, else what is wrong.</summary>
    Task<string?> HealthProblemAsync(CancellationToken cancellationToken);

    /// <summary>Starts the monitor and agent, or starts again whichever has exited.</summary>
    Task EnsureDaemonsAsync(CancellationToken cancellationToken);
}
