using Operator.Core.Metrics;
using Operator.Core.Observing;
using Operator.Core.Processes;
using Operator.Etcd.Client;

namespace Operator.Etcd.Observing;

/// <summary>
/// The etcd cluster as Operator sees it over plain HTTP: every member's status, /metrics and peer port
/// (<c>/raft/probing</c>) probed concurrently within one probe timeout, plus watch streams whose drops signal a
/// dead member at once.
/// </summary>
public sealed class EtcdSubject : ISubject
{
    private readonly IEtcdEndpointSource _endpoints;
    private readonly EtcdClient _client;
    private readonly TimeProvider _time;
    private readonly EtcdSubjectOptions _options;
    private readonly Dictionary<string, (string Source, long At, EtcdResult<MetricScrape> Scrape)> _metrics = new(StringComparer.Ordinal);

    // Node name → http peer URL from the last member list; replaced whole, never mutated.
    private volatile IReadOnlyDictionary<string, Uri> _peerUrls = new Dictionary<string, Uri>(StringComparer.Ordinal);

    public EtcdSubject(IEtcdEndpointSource endpoints, EtcdClient client, TimeProvider time, EtcdSubjectOptions? options = null)
    {
        _endpoints = endpoints ?? throw new ArgumentNullException(nameof(endpoints));
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new EtcdSubjectOptions();
    }

    public string Name => "etcd";

    public EtcdSubjectOptions Options => _options;

    /// <summary>
    /// One observation. Every request of the cycle shares one deadline (<see cref="EtcdSubjectOptions.ProbeTimeout"/>),
    /// so a dead or hung member costs at most that long. Unreachable members become Down/Paused/Unresponsive
    /// nodes; only cancellation throws.
    /// </summary>
    public async Task<Observation> ObserveAsync(CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var endpoints = _endpoints.Current();
        if (endpoints.Count == 0)
        {
            return new Observation(at, Name, [], EtcdClusterFacts.Build(endpoints, [], null), ["observe etcd: no endpoints are configured"], _time.GetElapsedTime(started));
        }

        TimeSpan Remaining() => _options.ProbeTimeout - _time.GetElapsedTime(started);

        var statusTasks = new Task<EtcdStatusProbe>[endpoints.Count];
        var metricsTasks = new Task<EtcdResult<MetricScrape>>[endpoints.Count];
        var peerTasks = new Task<EtcdPeerProbe>?[endpoints.Count];
        var known = _peerUrls;
        for (var i = 0; i < endpoints.Count; i++)
        {
            statusTasks[i] = ProbeStatusAsync(endpoints[i], Remaining, cancellationToken);
            metricsTasks[i] = ScrapeMetricsAsync(endpoints[i], Remaining(), cancellationToken);

            // Peer URLs from the previous cycle's member list let the peer probes start with the status probes.
            if (_options.ProbePeers && known.TryGetValue(endpoints[i].Name, out var peerUrl))
            {
                peerTasks[i] = ProbePeerAsync(endpoints[i].Name, peerUrl, Remaining, cancellationToken);
            }
        }

        var membersTask = ListMembersAsync(statusTasks, Remaining, cancellationToken);
        var statuses = await Task.WhenAll(statusTasks).ConfigureAwait(false);
        var metrics = await Task.WhenAll(metricsTasks).ConfigureAwait(false);
        var (members, membersError) = await membersTask.ConfigureAwait(false);
        if (_options.ProbePeers && members is not null)
        {
            var resolved = EtcdPeerUrls.Resolve(endpoints, statuses, members);
            _peerUrls = resolved;
            for (var i = 0; i < endpoints.Count; i++)
            {
                // First cycle, a new member or a moved peer URL: probe now with what is left of the deadline.
                if (resolved.TryGetValue(endpoints[i].Name, out var peerUrl)
                    && known.GetValueOrDefault(endpoints[i].Name) != peerUrl
                    && Remaining() > TimeSpan.Zero)
                {
                    peerTasks[i] = ProbePeerAsync(endpoints[i].Name, peerUrl, Remaining, cancellationToken);
                }
            }
        }

        var peers = new EtcdPeerProbe?[endpoints.Count];
        var processes = new ProcessState[endpoints.Count];
        for (var i = 0; i < endpoints.Count; i++)
        {
            peers[i] = peerTasks[i] is { } task ? await task.ConfigureAwait(false) : null;
            processes[i] = endpoints[i].Pid is { } p ? ProcessInspector.Inspect(p, _options.ProcessName) : ProcessState.Unknown;
        }

        var nodes = BuildNodes(statuses, metrics, processes, peers);
        var errors = membersError is null ? Array.Empty<string>() : [membersError];
        var facts = EtcdClusterFacts.Build(endpoints, nodes, members);
        if (PeerProbesUnavailable(peers, nodes, facts) is { } unavailable)
        {
            nodes = BuildNodes(statuses, metrics, processes, new EtcdPeerProbe?[endpoints.Count]);
            facts[EtcdReadings.PeerProbes] = unavailable;
        }

        return new Observation(at, Name, nodes, facts, errors, _time.GetElapsedTime(started));
    }

    /// <summary>
    /// Keeps one watch stream per member until cancelled and calls <paramref name="changed"/> as soon as an
    /// established stream drops (and again when it is re-established). Returns normally on cancellation.
    /// <paramref name="changed"/> may be called from several threads at once.
    /// </summary>
    public Task WatchAsync(Action<string> changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        return new EtcdWatcher(_endpoints, _client, _time, _options).RunAsync(changed, cancellationToken);
    }

    /// <summary>The client is owned by whoever passed it in.</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // Reuses a member's last good scrape while it is younger than MetricsInterval; a failed scrape is never reused.
    private async Task<EtcdResult<MetricScrape>> ScrapeMetricsAsync(EtcdEndpoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var source = $"{endpoint.MetricsUrl} {endpoint.Pid}"; // a restarted member is scraped afresh
        lock (_metrics)
        {
            if (_metrics.TryGetValue(endpoint.Name, out var cached) && cached.Source == source && _time.GetElapsedTime(cached.At) < _options.MetricsInterval)
            {
                return cached.Scrape;
            }
        }

        var scrape = await _client.MetricsAsync(endpoint.MetricsUrl, EtcdMetricFamilies.Filter, timeout, cancellationToken).ConfigureAwait(false);
        lock (_metrics)
        {
            if (scrape.Ok)
            {
                _metrics[endpoint.Name] = (source, _time.GetTimestamp(), scrape);
            }
            else
            {
                _metrics.Remove(endpoint.Name);
            }
        }

        return scrape;
    }

    private static NodeObservation[] BuildNodes(EtcdStatusProbe[] statuses, EtcdResult<MetricScrape>[] metrics, ProcessState[] processes, EtcdPeerProbe?[] peers)
    {
        var nodes = new NodeObservation[statuses.Length];
        for (var i = 0; i < statuses.Length; i++)
        {
            nodes[i] = EtcdNodeReadings.Build(statuses[i], metrics[i], processes[i], peers[i]);
        }

        return nodes;
    }

    // A monitor that reaches no peer port at all while the members answer and agree on a leader (a remote cluster
    // behind a firewall that only opens client ports) learns nothing about isolation: one cluster fact, no peer errors.
    private static string? PeerProbesUnavailable(EtcdPeerProbe?[] peers, NodeObservation[] nodes, Dictionary<string, string> facts)
    {
        var probed = peers.OfType<EtcdPeerProbe>().ToList();
        if (probed.Count == 0 || probed.Any(p => p.Ok) || !facts.ContainsKey(EtcdReadings.Leader))
        {
            return null;
        }

        var answering = probed.Count(p => nodes.Any(n => n.IsUp && string.Equals(n.Name, p.Node, StringComparison.Ordinal)));
        return answering * 2 > probed.Count
            ? $"unavailable: no member's peer port answers the monitor ({probed[0].Error})"
            : null;
    }

    /// <summary>
    /// One peer probe; an answer slower than <see cref="EtcdSubjectOptions.PeerConfirmAbove"/> is confirmed at once by a
    /// second probe within the same deadline, and the faster of the two is the reading (a second probe that runs out of
    /// deadline confirms the first). One stalled sample on a busy machine is not a slow path; two in a row are.
    /// </summary>
    private async Task<EtcdPeerProbe> ProbePeerAsync(string node, Uri peerUrl, Func<TimeSpan> remaining, CancellationToken cancellationToken)
    {
        var first = await ProbePeerOnceAsync(node, peerUrl, remaining(), cancellationToken).ConfigureAwait(false);
        if (!first.Ok || first.RoundTrip < _options.PeerConfirmAbove || remaining() <= TimeSpan.Zero)
        {
            return first;
        }

        var second = await ProbePeerOnceAsync(node, peerUrl, remaining(), cancellationToken).ConfigureAwait(false);
        if (second.TimedOut)
        {
            return first; // ran out of deadline waiting: at least as slow, and the first is a measured answer
        }

        return !second.Ok || second.RoundTrip < first.RoundTrip ? second : first; // a cut between the two: the newer news wins
    }

    private async Task<EtcdPeerProbe> ProbePeerOnceAsync(string node, Uri peerUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var result = await _client.PeerProbeAsync(peerUrl, timeout, cancellationToken).ConfigureAwait(false);
        return new EtcdPeerProbe(node, peerUrl, result, _time.GetElapsedTime(started));
    }

    private async Task<EtcdStatusProbe> ProbeStatusAsync(EtcdEndpoint endpoint, Func<TimeSpan> remaining, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var status = await _client.StatusAsync(endpoint.ClientUrl, remaining(), cancellationToken).ConfigureAwait(false);
        return new EtcdStatusProbe(endpoint, status, _time.GetElapsedTime(started));
    }

    // Asks the first member whose status answered; if that fails, the next one to answer, within the same deadline.
    private async Task<(EtcdMemberList? Members, string? Error)> ListMembersAsync(
        Task<EtcdStatusProbe>[] statusTasks,
        Func<TimeSpan> remaining,
        CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        await foreach (var done in Task.WhenEach(statusTasks).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var probe = await done.ConfigureAwait(false);
            if (!probe.Status.Ok)
            {
                continue;
            }

            var list = await _client.MemberListAsync(probe.Endpoint.ClientUrl, remaining(), cancellationToken).ConfigureAwait(false);
            if (list.Ok)
            {
                return (list.Value, null);
            }

            failures.Add(list.Failure.Message);
        }

        return failures.Count == 0
            ? (null, "list etcd members: no member answered its status probe")
            : (null, string.Join("; ", failures));
    }
}
