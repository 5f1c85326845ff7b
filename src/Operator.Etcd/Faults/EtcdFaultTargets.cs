using Operator.Core;
using Operator.Etcd.Local;

namespace Operator.Etcd.Faults;

/// <summary>
/// Resolves fault targets against the live local cluster: <c>leader</c>, <c>follower</c>, <c>random</c> (a running
/// member) or a member's name. Roles come from each running member's own status, looked at again for a few seconds
/// while an election is under way.
/// </summary>
internal sealed class EtcdFaultTargets
{
    private static readonly TimeSpan RoleWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RoleRetry = TimeSpan.FromMilliseconds(100);

    private readonly LocalEtcdCluster _cluster;
    private readonly TimeProvider _time;
    private readonly Random _random;

    public EtcdFaultTargets(LocalEtcdCluster cluster, TimeProvider time, Random random)
    {
        _cluster = cluster;
        _time = time;
        _random = random;
    }

    public LocalEtcdCluster Cluster => _cluster;

    /// <summary>One running member for <paramref name="target"/>.</summary>
    public async Task<string> ResolveAsync(string target, CancellationToken cancellationToken)
    {
        if (target is not (ChaosTarget.LeaderKeyword or ChaosTarget.FollowerKeyword or ChaosTarget.RandomKeyword))
        {
            var node = _cluster.Node(target);
            return node.IsRunning
                ? node.Name
                : throw new OperatorException($"{target} is not running ({Describe(node)}); start it with `operator chaos revert --all` or `operator chaos restart {target}`");
        }

        var started = _time.GetTimestamp();
        while (true)
        {
            var candidates = await CandidatesAsync(cancellationToken).ConfigureAwait(false);
            var name = ChaosTarget.TryResolve(target, candidates, _random);
            if (name is not null)
            {
                return name;
            }

            if (_time.GetElapsedTime(started) > RoleWait)
            {
                return ChaosTarget.Resolve(target, candidates, _random); // throws, naming what each member is
            }

            await Task.Delay(RoleRetry, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A random majority of all members, chosen among the running ones.</summary>
    public IReadOnlyList<string> Majority()
    {
        var nodes = _cluster.Nodes();
        var majority = (nodes.Count / 2) + 1;
        var running = nodes.Where(n => n.IsRunning).Select(n => n.Name).ToList();
        if (running.Count < majority)
        {
            throw new OperatorException(
                $"cannot take a majority ({majority} of {nodes.Count}) down: only {running.Count} members run ({string.Join(", ", nodes.Select(n => $"{n.Name} {Describe(n)}"))})");
        }

        return running.OrderBy(_ => _random.Next()).Take(majority).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<IReadOnlyList<ChaosCandidate>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var spec = _cluster.Spec();
        var running = _cluster.Nodes().Where(n => n.IsRunning).Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        using var probe = new EtcdProbe();
        var leader = await probe.LeaderAsync(spec.Nodes.Where(n => running.Contains(n.Name)).ToList(), cancellationToken).ConfigureAwait(false);
        return spec.Nodes.Select(n => new ChaosCandidate(n.Name, running.Contains(n.Name), n.Name == leader)).ToList();
    }

    private static string Describe(LocalNode node) => node.State switch
    {
        Core.Observing.ProcessState.Stopped => "paused",
        Core.Observing.ProcessState.Running => "running",
        _ => "down",
    };
}
