using Operator.Testing;

namespace Operator.Etcd.Tests.Local;

/// <summary>One 3-member cluster shared by a test class; tests that break it put it back first.</summary>
public sealed class SharedClusterFixture : IAsyncLifetime
{
    private EtcdTestCluster? _cluster;

    public EtcdTestCluster Cluster => _cluster ?? throw new InvalidOperationException("fixture not started");

    public async Task InitializeAsync() => _cluster = await EtcdTestCluster.StartAsync(3);

    /// <summary>Resumes paused members and restarts dead ones, so each test starts from a healthy cluster.</summary>
    public async Task EnsureAllUpAsync()
    {
        foreach (var node in Cluster.Nodes.Where(n => n.State == Core.Observing.ProcessState.Stopped))
        {
            await Cluster.Cluster.ResumeAsync(node.Name);
        }

        if (Cluster.Nodes.Any(n => !n.IsRunning))
        {
            await Cluster.Cluster.UpAsync();
        }

        foreach (var node in Cluster.Nodes)
        {
            await Eventually.WaitUntilAsync(() => Gateway.HealthyAsync(node.ClientUrl), TimeSpan.FromSeconds(15), $"{node.Name} is healthy");
        }
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
