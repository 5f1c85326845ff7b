using System.Collections.Concurrent;

namespace Operator.Workload.Tests;

/// <summary>Keeps every event a run writes, and lets a test react to each as it comes.</summary>
internal sealed class CapturedOutput : ILoadOutput
{
    public ConcurrentQueue<LoadEvent> Events { get; } = new();

    public Action<LoadEvent>? OnWrite { get; set; }

    public IReadOnlyList<LoadInterval> Intervals => [.. Events.OfType<LoadInterval>()];

    public void Write(LoadEvent loadEvent)
    {
        Events.Enqueue(loadEvent);
        OnWrite?.Invoke(loadEvent);
    }
}
