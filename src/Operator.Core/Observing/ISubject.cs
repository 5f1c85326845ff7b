namespace Operator.Core.Observing;

/// <summary>A system Operator watches: knows how to observe it and which invariants apply.</summary>
public interface ISubject : IAsyncDisposable
{
    /// <summary>Short name (<c>etcd</c>).</summary>
    string Name { get; }

    /// <summary>Probes every node concurrently with short per-request timeouts; never throws for an unreachable node.</summary>
    Task<Observation> ObserveAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs until cancelled, calling <paramref name="changed"/> with a reason whenever something suggests
    /// the cluster changed between ticks (e.g. a watch stream to a member dropped). Subjects without such
    /// a signal return at once.
    /// </summary>
    Task WatchAsync(Action<string> changed, CancellationToken cancellationToken);
}
