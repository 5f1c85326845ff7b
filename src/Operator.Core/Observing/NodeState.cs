namespace Operator.Core.Observing;

/// <summary>How a node looked from the outside during one observation.</summary>
public enum NodeState
{
    /// <summary>Answered its probes correctly.</summary>
    Up,

    /// <summary>Connection refused, or its process is known to be gone.</summary>
    Down,

    /// <summary>Accepted connections (or its process lives) but did not answer in time, or answered garbage.</summary>
    Unresponsive,

    /// <summary>Its process is alive but stopped (SIGSTOP, state T).</summary>
    Paused,
}

/// <summary>Wire names of <see cref="NodeState"/> used in JSON and CLI output.</summary>
public static class NodeStateNames
{
    public static string ToWire(this NodeState state) => state switch
    {
        NodeState.Up => "up",
        NodeState.Down => "down",
        NodeState.Unresponsive => "unresponsive",
        NodeState.Paused => "paused",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
