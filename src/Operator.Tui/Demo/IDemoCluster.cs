using Operator.Core.Observing;
using Operator.Tui.Chapters;

namespace Operator.Tui.Demo;

/// <summary>What the demo needs from a subject's cluster: bring it up, observe it, break it, mend it, put it away.</summary>
public interface IDemoCluster
{
    /// <summary>Subject name for the header (<c>etcd</c>).</summary>
    string Subject { get; }

    /// <summary>What the narration says about this subject.</summary>
    IDemoStory Story { get; }

    /// <summary>Starts the cluster unless one is already running; returns what was done, for the narration.</summary>
    Task<string> PrepareAsync(CancellationToken cancellationToken);

    /// <summary>One observation of every node (never throws for an unreachable node).</summary>
    Task<Observation> ObserveAsync(CancellationToken cancellationToken);

    /// <summary>Short subject-specific facts for a node's row (<c>term 4 · db 24 KiB</c>).</summary>
    string Detail(NodeObservation node);

    /// <summary>Injects <paramref name="fault"/> (chosen against the live cluster) and returns what was done.</summary>
    Task<InjectedFault> InjectAsync(DemoFault fault, CancellationToken cancellationToken);

    /// <summary>Undoes an injected fault (restart, resume) and returns once the node answers again.</summary>
    Task<string> RecoverAsync(InjectedFault fault, CancellationToken cancellationToken);

    /// <summary>Stops what <see cref="PrepareAsync"/> started (nothing when the cluster was already running); returns what was done.</summary>
    Task<string?> CleanupAsync(CancellationToken cancellationToken);
}
