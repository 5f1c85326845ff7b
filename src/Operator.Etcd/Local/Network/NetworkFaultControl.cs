using Operator.Core;
using Operator.Etcd.Client;

namespace Operator.Etcd.Local.Network;

/// <summary>
/// Replaces the set of network faults of a local cluster: validates them, learns each node's member id (kept in the
/// rules file), writes the next generation and waits for the running proxy to acknowledge exactly it.
/// </summary>
internal sealed class NetworkFaultControl
{
    public static readonly TimeSpan AcknowledgeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MemberListTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(60);

    private readonly StateDirLayout _layout;
    private readonly FaultProxyProcess _process;
    private readonly TimeProvider _time;

    public NetworkFaultControl(StateDirLayout layout, FaultProxyProcess process, TimeProvider time)
    {
        _layout = layout;
        _process = process;
        _time = time;
    }

    public IReadOnlyList<NetworkFault> Current() => FaultRulesFile.Read(_layout.FaultProxyRulesFile).Faults;

    public async Task ApplyAsync(LocalClusterSpec spec, IReadOnlyList<NetworkFault> faults, CancellationToken cancellationToken)
    {
        if (!spec.HasFaultProxy)
        {
            throw new OperatorException(
                $"the cluster in {_layout.StateDir} has no fault proxy, so network faults cannot be injected; recreate it with `operator cluster down --purge` and `operator cluster up`");
        }

        Validate(spec, faults);
        if (_process.RunningPid() is not { } pid)
        {
            throw new OperatorException(
                $"the fault proxy of the cluster in {_layout.StateDir} is not running; start it with `operator cluster up` (see {_process.LogFile})");
        }

        var current = FaultRulesFile.Read(_layout.FaultProxyRulesFile);
        var memberIds = current.MemberIds;
        if (faults.Count > 0 && spec.Nodes.Any(n => !memberIds.ContainsKey(n.Name)))
        {
            memberIds = await MemberIdsAsync(spec, cancellationToken);
        }

        var generation = current.Generation + 1;
        FaultRulesFile.Write(_layout.FaultProxyRulesFile, new FaultRules(generation, memberIds, faults.ToList()));

        var started = _time.GetTimestamp();
        while (FaultRulesFile.ReadApplied(_layout.FaultProxyAppliedFile) is not { } applied || applied.Pid != pid || applied.Generation < generation)
        {
            if (_process.RunningPid() != pid)
            {
                throw new OperatorException($"apply network faults: the fault proxy (pid {pid}) exited; see {_process.LogFile} and start it again with `operator cluster up`");
            }

            if (_time.GetElapsedTime(started) > AcknowledgeTimeout)
            {
                throw new OperatorException(
                    $"apply network faults: the fault proxy (pid {pid}) did not apply rules generation {generation} within {AcknowledgeTimeout.TotalSeconds:0} s; see {_process.LogFile}");
            }

            await Task.Delay(PollInterval, _time, cancellationToken);
        }
    }

    private void Validate(LocalClusterSpec spec, IReadOnlyList<NetworkFault> faults)
    {
        foreach (var fault in faults)
        {
            if (spec.Nodes.All(n => n.Name != fault.Node))
            {
                throw new OperatorException(
                    $"network fault on {fault.Node}: no such node in {_layout.StateDir}; nodes are {string.Join(", ", spec.Nodes.Select(n => n.Name))}");
            }

            if (fault.Mode == NetworkFaultMode.Delay && (fault.Delay <= TimeSpan.Zero || fault.Delay > MaxDelay))
            {
                throw new OperatorException(
                    $"network fault on {fault.Node}: a delay of {fault.Delay.TotalMilliseconds:0} ms is out of range; use more than 0 and at most {MaxDelay.TotalSeconds:0} s");
            }
        }

        var twice = faults.GroupBy(f => f.Node, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new OperatorException($"network faults: {twice.Key} is given {twice.Count()} times; give at most one fault per node");
        }
    }

    /// <summary>Each node's member id, matched by the peer URL it advertises (the proxy's), from the first member that answers.</summary>
    private async Task<IReadOnlyDictionary<string, string>> MemberIdsAsync(LocalClusterSpec spec, CancellationToken cancellationToken)
    {
        using var client = new EtcdClient(_time);
        var problems = new List<string>();
        foreach (var node in spec.Nodes)
        {
            var result = await client.MemberListAsync(node.ClientUrl, MemberListTimeout, cancellationToken);
            if (!result.Ok)
            {
                problems.Add(result.Failure.Message);
                continue;
            }

            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var member in result.Value.Members)
            {
                var owner = spec.Nodes.FirstOrDefault(n => member.PeerUrls.Any(url => SameAuthority(url, n.AdvertisedPeerUrl)));
                if (owner is not null)
                {
                    ids[owner.Name] = member.HexId;
                }
            }

            var missing = spec.Nodes.FirstOrDefault(n => !ids.ContainsKey(n.Name));
            if (missing is not null)
            {
                throw new OperatorException(
                    $"apply network faults: no member listed by {node.Name} advertises {missing.AdvertisedPeerUrl.GetLeftPart(UriPartial.Authority)} ({missing.Name}); recreate the cluster with `operator cluster down --purge` and `operator cluster up`");
            }

            return ids;
        }

        throw new OperatorException($"apply network faults: no member answered the member list ({string.Join("; ", problems)}); start the cluster with `operator cluster up`");
    }

    private static bool SameAuthority(string url, Uri expected) =>
        Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Port == expected.Port
        && (parsed.Host == expected.Host || parsed.IsLoopback);
}
