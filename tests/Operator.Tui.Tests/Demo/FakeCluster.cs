using Operator.Core.Observing;
using Operator.Tui.Chapters;
using Operator.Tui.Demo;

namespace Operator.Tui.Tests.Demo;

/// <summary>A cluster that records what the chapters asked of it.</summary>
internal sealed class FakeCluster : IDemoCluster
{
    private readonly TimeProvider _time;

    public FakeCluster(TimeProvider time) => _time = time;

    public List<string> Calls { get; } = [];

    public Observation Current { get; set; } = Sample.Healthy();

    public string Subject => "etcd";

    public IDemoStory Story => EtcdStory.Instance;

    public Task<string> PrepareAsync(CancellationToken cancellationToken)
    {
        Calls.Add("prepare");
        return Task.FromResult("started 3 etcd members");
    }

    public Task<Observation> ObserveAsync(CancellationToken cancellationToken) => Task.FromResult(Current);

    public string Detail(NodeObservation node) => $"detail of {node.Name}";

    public Task<InjectedFault> InjectAsync(DemoFault fault, CancellationToken cancellationToken)
    {
        Calls.Add($"inject {fault.ToWire()}");
        return Task.FromResult(new InjectedFault(fault, "n1", 4242, _time.GetUtcNow(), "n1 (the leader, pid 4242) killed with SIGKILL"));
    }

    public Task<string> RecoverAsync(InjectedFault fault, CancellationToken cancellationToken)
    {
        Calls.Add($"recover {fault.Node}");
        return Task.FromResult($"restarted {fault.Node}");
    }

    public Task<string?> CleanupAsync(CancellationToken cancellationToken)
    {
        Calls.Add("cleanup");
        return Task.FromResult<string?>("the cluster the demo started");
    }
}
