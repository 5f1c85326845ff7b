namespace Operator.Tui.Demo;

/// <summary>The faults the demo can inject, with the names the CLI accepts.</summary>
public enum DemoFault
{
    /// <summary>SIGKILL the leader.</summary>
    KillLeader,

    /// <summary>SIGKILL a follower.</summary>
    KillFollower,

    /// <summary>SIGSTOP the leader: alive but hung.</summary>
    Pause,
}

/// <summary>Wire names and wording of <see cref="DemoFault"/>.</summary>
public static class DemoFaults
{
    public static IReadOnlyList<string> Names { get; } = ["kill-leader", "kill-follower", "pause"];

    public static DemoFault Parse(string name) => name switch
    {
        "kill-leader" => DemoFault.KillLeader,
        "kill-follower" => DemoFault.KillFollower,
        "pause" => DemoFault.Pause,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"unknown fault; use one of {string.Join(", ", Names)}"),
    };

    public static string ToWire(this DemoFault fault) => fault switch
    {
        DemoFault.KillLeader => "kill-leader",
        DemoFault.KillFollower => "kill-follower",
        DemoFault.Pause => "pause",
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    /// <summary>What happens to the node, for narration (<c>killed with SIGKILL</c>).</summary>
    public static string Verb(this DemoFault fault) => fault == DemoFault.Pause ? "frozen with SIGSTOP" : "killed with SIGKILL";

    /// <summary>Which node is hit (<c>the leader</c>).</summary>
    public static string Victim(this DemoFault fault) => fault == DemoFault.KillFollower ? "a follower" : "the leader";
}
