namespace Operator.Core.Observing;

/// <summary>What the operating system says about a node's process, when the deployment knows its pid.</summary>
public enum ProcessState
{
    /// <summary>No pid is known (external cluster, or never started).</summary>
    Unknown,

    /// <summary>The process exists and is running or sleeping.</summary>
    Running,

    /// <summary>The process exists but is stopped (SIGSTOP / state T).</summary>
    Stopped,

    /// <summary>The recorded pid no longer exists (or belongs to another program).</summary>
    Gone,
}
