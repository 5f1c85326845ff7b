namespace Operator.Etcd.Local;

/// <summary>How <c>cluster down</c> ended one member.</summary>
public enum StopOutcome
{
    /// <summary>No live etcd for this node (no pid file, or the pid is gone or now another program): nothing was signalled.</summary>
    NotRunning,

    /// <summary>Exited after SIGTERM within the grace period.</summary>
    Terminated,

    /// <summary>Did not exit in time after SIGTERM and was SIGKILLed.</summary>
    Killed,
}
