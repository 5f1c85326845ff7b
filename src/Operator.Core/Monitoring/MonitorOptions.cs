namespace Operator.Core.Monitoring;

/// <summary>How the monitor loop paces itself.</summary>
/// <param name="Interval">Time between the starts of two scheduled cycles.</param>
/// <param name="MinTriggerGap">Shortest gap between two cycles when watch triggers arrive in bursts.</param>
public sealed record MonitorOptions(TimeSpan Interval, TimeSpan MinTriggerGap)
{
    public static MonitorOptions Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(20));
}
