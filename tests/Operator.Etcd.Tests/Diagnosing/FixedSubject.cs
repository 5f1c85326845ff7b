using Operator.Core.Observing;

namespace Operator.Etcd.Tests.Diagnosing;

/// <summary>A subject that always observes the same thing.</summary>
internal sealed class FixedSubject(Observation observation) : ISubject
{
    public string Name => "etcd";

    public Task<Observation> ObserveAsync(CancellationToken cancellationToken) => Task.FromResult(observation);

    public Task WatchAsync(Action<string> changed, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
