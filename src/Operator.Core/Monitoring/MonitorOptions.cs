namespace Operator.Core.Monitoring;

/// <summary>How the monitor loop paces itself.</summary>
/// <param name="Interval">Time between the starts of two scheduled cycles.</param>
/// <param name="MinTriggerGap">Shortest gap between two cycles when watch triggers arrive in bursts.</param>
/// <param name="Watch">Run the subject's change watch so a crash triggers a cycle at once; false polls only.</param>
public sealed record MonitorOptions(TimeSpan Interval, TimeSpan MinTriggerGap, bool Watch = true)
{
    public static MonitorOptions Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(20));
}
