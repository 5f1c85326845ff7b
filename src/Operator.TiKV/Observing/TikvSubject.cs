using System.Globalization;
using Operator.Core.Http;
using Operator.Core.Observing;
using Operator.TiKV.Pd;
using Operator.TiKV.Prometheus;
using Operator.TiKV.Status;

namespace Operator.TiKV.Observing;

/// <summary>
/// The TiKV subject. Each cycle asks PD for its members, its leader, the stores and the region checks (counts only:
/// <c>/regions/check/*</c> list just the affected regions, so a million regions cost what ten do), then probes every
/// store's status server and pings every PD member directly — PD calls a dead store Disconnected only after 20 s, the
/// probe sees a refused port at once. Prometheus readings (joined on <c>instance</c> = <c>status_address</c>) are
/// refreshed in the background. Nothing here throws for an unreachable endpoint; only cancellation does.
/// </summary>
public sealed class TikvSubject : ISubject
{
    private static readonly PdRegionCheckKind[] Checks =
        [PdRegionCheckKind.MissPeer, PdRegionCheckKind.DownPeer, PdRegionCheckKind.PendingPeer, PdRegionCheckKind.OfflinePeer, PdRegionCheckKind.ExtraPeer];

    private readonly PdClient _pd;
    private readonly StatusProbe _probe;
    private readonly TikvMetricsReader? _metrics;
    private readonly Uri? _prometheus;
    private readonly TimeProvider _time;
    private readonly TikvSubjectOptions _options;
    private readonly IReadOnlyList<Uri> _pdEndpoints;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _probeSlots;
    private IReadOnlyList<PdStoreInfo> _lastStores = [];
    private IReadOnlyList<PdMember> _lastMembers = [];
    private TikvMetrics? _lastMetrics;
    private long _metricsAt;
    private Task? _metricsRead;

    /// <param name="pdEndpoints">PD client URLs to try in turn.</param>
    /// <param name="prometheus">Prometheus base URL, or null when there is none (metrics are then reported unavailable).</param>
    /// <param name="time">Clock.</param>
    /// <param name="options">Timing and addressing.</param>
    public TikvSubject(IReadOnlyList<Uri> pdEndpoints, Uri? prometheus, TimeProvider time, TikvSubjectOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pdEndpoints);
        ArgumentOutOfRangeException.ThrowIfZero(pdEndpoints.Count);
        _pdEndpoints = pdEndpoints;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? new TikvSubjectOptions();
        _pd = new PdClient(pdEndpoints, time);
        _probeSlots = new SemaphoreSlim(_options.ProbeConcurrency);
        _probe = new StatusProbe(time);
        _prometheus = prometheus;
        _metrics = prometheus is null ? null : new TikvMetricsReader(new PrometheusClient(prometheus, time));
    }

    public string Name => "tikv";

    public async Task<Observation> ObserveAsync(CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        var timeout = _options.ProbeTimeout;
        var pdTimeout = timeout > _options.PdTimeout ? timeout : _options.PdTimeout;
        RefreshMetricsInBackground();

        // The direct probes of the stores and members seen last start at once, alongside PD's answers: a slow or
        // leaderless PD must not delay seeing a dead store. Stores or members PD lists for the first time are probed
        // as soon as its answer arrives.
        IReadOnlyList<PdStoreInfo> knownStores;
        IReadOnlyList<PdMember> knownMembers;
        lock (_gate)
        {
            (knownStores, knownMembers) = (_lastStores, _lastMembers);
        }

        var storeProbes = new Dictionary<string, Task<HttpResult<ProbeAnswer>>>(StringComparer.Ordinal);
        var pings = new Dictionary<Uri, Task<HttpResult<ProbeAnswer>>>();
        ProbeStores(knownStores, storeProbes, timeout, cancellationToken);
        PingMembers(PdTargets(knownMembers), pings, timeout, cancellationToken);

        var membersTask = _pd.MembersAsync(pdTimeout, cancellationToken);
        var storesTask = _pd.StoresAsync(pdTimeout, cancellationToken);
        var countTask = _pd.RegionCountAsync(pdTimeout, cancellationToken);
        var checkTasks = Checks.Select(kind => _pd.CheckRegionsAsync(kind, pdTimeout, cancellationToken)).ToArray();
        var members = await membersTask.ConfigureAwait(false);
        var stores = await storesTask.ConfigureAwait(false);

        var errors = new List<string>();
        IReadOnlyList<PdMember> memberList;
        IReadOnlyList<PdStoreInfo> storeList;
        lock (_gate)
        {
            if (members.Ok)
            {
                _lastMembers = members.Value!.Members;
            }

            if (stores.Ok)
            {
                _lastStores = stores.Value!.Stores;
            }

            (memberList, storeList) = (_lastMembers, _lastStores);
        }

        if (!members.Ok)
        {
            errors.Add(members.Failure!.Message);
        }

        if (!stores.Ok)
        {
            errors.Add(stores.NotBootstrapped ? "PD: the TiKV cluster is not bootstrapped yet (no store has registered)" : $"{stores.Failure!.Message}{(storeList.Count > 0 ? " (probing the stores PD listed last)" : string.Empty)}");
        }
        else if (stores.Value!.Problems.Count > 0)
        {
            errors.AddRange(stores.Value.Problems.Select(p => $"PD store entry skipped: {p}"));
        }

        var liveStores = storeList.Where(s => s.Store.State != PdStoreState.Tombstone).ToList();
        var pdTargets = PdTargets(memberList);
        ProbeStores(liveStores, storeProbes, timeout, cancellationToken);
        PingMembers(pdTargets, pings, timeout, cancellationToken);
        await Task.WhenAll(storeProbes.Values).ConfigureAwait(false);
        await Task.WhenAll(pings.Values).ConfigureAwait(false);
        var count = await countTask.ConfigureAwait(false);
        var checks = await Task.WhenAll(checkTasks).ConfigureAwait(false);
        var metrics = CurrentMetrics();

        var nodes = new List<NodeObservation>();
        var leader = members.Ok ? members.Value!.Leader?.Name : null;
        for (var i = 0; i < pdTargets.Count; i++)
        {
            nodes.Add(PdNode(pdTargets[i], await pings[pdTargets[i].Url].ConfigureAwait(false), leader));
        }

        for (var i = 0; i < liveStores.Count; i++)
        {
            nodes.Add(StoreNode(liveStores[i], await storeProbes[liveStores[i].Store.StatusAddress].ConfigureAwait(false), metrics, at));
        }

        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TikvReadings.StoreCount] = liveStores.Count.ToString(CultureInfo.InvariantCulture),
            [TikvReadings.Prometheus] = metrics is null ? (_prometheus is null ? "unavailable: no --prometheus given" : "unavailable: not read yet")
                : metrics.Unavailable is { } why ? $"unavailable: {why.Replace("metrics unavailable: ", string.Empty, StringComparison.Ordinal)}" : "ok",
        };
        if (leader is { Length: > 0 })
        {
            facts[TikvReadings.PdLeader] = leader;
        }

        if (count.Ok)
        {
            facts[TikvReadings.TotalRegions] = count.Value!.Count.ToString(CultureInfo.InvariantCulture);
        }

        var samples = new List<string>();
        foreach (var check in checks)
        {
            if (!check.Ok)
            {
                if (!check.NotBootstrapped && members.Ok)
                {
                    errors.Add(check.Failure!.Message);
                }

                continue;
            }

            var c = check.Value!;
            facts[CheckFact(c.Kind)] = c.Count.ToString(CultureInfo.InvariantCulture);
            if (c.Count > 0 && c.SampleIds.Count > 0)
            {
                samples.Add($"{c.Kind.WireName()}: {string.Join(", ", c.SampleIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))}");
            }
        }

        if (samples.Count > 0)
        {
            facts[TikvReadings.RegionSample] = string.Join("; ", samples);
        }

        return new Observation(at, Name, nodes, facts, errors.Distinct(StringComparer.Ordinal).ToList(), _time.GetElapsedTime(started));
    }

    /// <summary>TiKV has no change stream worth watching: every cycle probes directly.</summary>
    public Task WatchAsync(Action<string> changed, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        _pd.Dispose();
        _probe.Dispose();
        _probeSlots.Dispose();
        return ValueTask.CompletedTask;
    }

    private void ProbeStores(IEnumerable<PdStoreInfo> stores, Dictionary<string, Task<HttpResult<ProbeAnswer>>> probes, TimeSpan timeout, CancellationToken cancellationToken)
    {
        foreach (var store in stores)
        {
            var address = store.Store.StatusAddress;
            if (store.Store.State != PdStoreState.Tombstone && !probes.ContainsKey(address))
            {
                probes[address] = Gated(token => _probe.ProbeStoreAsync(address, timeout, token), cancellationToken);
            }
        }
    }

    private void PingMembers(IEnumerable<(string Name, Uri Url, PdMember? Member)> targets, Dictionary<Uri, Task<HttpResult<ProbeAnswer>>> pings, TimeSpan timeout, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            if (!pings.ContainsKey(target.Url))
            {
                pings[target.Url] = Gated(token => _pd.PingAsync(target.Url, timeout, token), cancellationToken);
            }
        }
    }

    // At most ProbeConcurrency probes in flight; each one's deadline starts when it gets its turn, so a thousand
    // stores queued behind each other are not called unresponsive for the time they waited here.
    private async Task<HttpResult<ProbeAnswer>> Gated(Func<CancellationToken, Task<HttpResult<ProbeAnswer>>> probe, CancellationToken cancellationToken)
    {
        await _probeSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await probe(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _probeSlots.Release();
        }
    }

    private static string CheckFact(PdRegionCheckKind kind) => kind switch
    {
        PdRegionCheckKind.MissPeer => TikvReadings.MissPeerRegions,
        PdRegionCheckKind.DownPeer => TikvReadings.DownPeerRegions,
        PdRegionCheckKind.PendingPeer => TikvReadings.PendingPeerRegions,
        PdRegionCheckKind.OfflinePeer => TikvReadings.OfflinePeerRegions,
        PdRegionCheckKind.ExtraPeer => TikvReadings.ExtraPeerRegions,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The PD members to ping: as PD lists them (with the configured URL overrides), else the configured endpoints.</summary>
    private List<(string Name, Uri Url, PdMember? Member)> PdTargets(IReadOnlyList<PdMember> members)
    {
        if (members.Count == 0)
        {
            return _pdEndpoints.Select(u => ($"pd@{u.Authority}", u, (PdMember?)null)).ToList();
        }

        var targets = new List<(string, Uri, PdMember?)>();
        foreach (var m in members)
        {
            if (_options.PdMemberUrls.TryGetValue(m.Name, out var url)
                || (m.ClientUrls.Count > 0 && Uri.TryCreate(m.ClientUrls[0], UriKind.Absolute, out url)))
            {
                targets.Add((m.Name, url, m));
            }
        }

        return targets;
    }

    private static NodeObservation PdNode((string Name, Uri Url, PdMember? Member) target, HttpResult<ProbeAnswer> ping, string? leader)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal) { [TikvReadings.ClientUrl] = target.Url.ToString() };
        if (target.Member is { MemberId: > 0 } m)
        {
            facts[TikvReadings.MemberId] = m.MemberId.ToString(CultureInfo.InvariantCulture);
        }

        var state = StateOf(ping);
        return new NodeObservation(
            target.Name,
            TikvReadings.PdRole,
            target.Url.ToString(),
            state,
            state == NodeState.Up && leader == target.Name,
            null,
            ProcessState.Unknown,
            ping.Ok ? null : ping.Failure!.Message,
            new Dictionary<string, double>(),
            facts,
            TimeSpan.Zero,
            new Dictionary<string, HistogramSnapshot>());
    }

    private static NodeObservation StoreNode(PdStoreInfo info, HttpResult<ProbeAnswer> probe, TikvMetrics? metrics, DateTimeOffset now)
    {
        var meta = info.Store;
        var status = info.Status;
        var values = new Dictionary<string, double>(StringComparer.Ordinal) { [TikvReadings.StoreId] = meta.Id };
        void Put(string name, double? value)
        {
            if (value is { } v)
            {
                values[name] = v;
            }
        }

        Put(TikvReadings.CapacityBytes, status.CapacityBytes);
        Put(TikvReadings.AvailableBytes, status.AvailableBytes);
        Put(TikvReadings.UsedBytes, status.UsedBytes);
        Put(TikvReadings.DiskUsedRatio, status.DiskUsedRatio);
        Put(TikvReadings.LeaderCount, status.LeaderCount);
        Put(TikvReadings.RegionCount, status.RegionCount);
        Put(TikvReadings.PendingPeerCount, status.PendingPeerCount);
        Put(TikvReadings.SlowScore, status.SlowScore > 0 ? status.SlowScore : null);
        Put(TikvReadings.HeartbeatAgeSeconds, meta.HeartbeatAge(now) is { } age ? Math.Max(0, Math.Round(age.TotalSeconds, 1)) : null);

        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TikvReadings.Address] = meta.Address,
            [TikvReadings.StatusAddress] = meta.StatusAddress,
            [TikvReadings.PdStateName] = meta.StateName.Length > 0 ? meta.StateName : meta.State.ToString(),
        };
        if (meta.Version.Length > 0)
        {
            facts[TikvReadings.Version] = meta.Version;
        }

        if (metrics is null)
        {
            facts[TikvReadings.MetricsError] = "Prometheus not read yet";
        }
        else if (!metrics.Available)
        {
            facts[TikvReadings.MetricsError] = metrics.Unavailable!;
        }
        else if (metrics.ForStore(meta.StatusAddress) is { } readings)
        {
            foreach (var (name, value) in readings.Values)
            {
                values.TryAdd(name, value); // PD's own view of disk and counts wins over the scraped copy
            }
        }
        else
        {
            facts[TikvReadings.MetricsError] = $"Prometheus has no series with instance=\"{meta.StatusAddress}\"";
        }

        var url = StatusProbe.StatusUrl(meta.StatusAddress)?.ToString() ?? meta.StatusAddress;
        return new NodeObservation(
            $"store{meta.Id.ToString(CultureInfo.InvariantCulture)}",
            TikvReadings.TikvRole,
            url,
            StateOf(probe),
            false,
            null,
            ProcessState.Unknown,
            probe.Ok ? null : probe.Failure!.Message,
            values,
            facts,
            TimeSpan.Zero,
            new Dictionary<string, HistogramSnapshot>());
    }

    private static NodeState StateOf(HttpResult<ProbeAnswer> result) => result.Failure?.Kind switch
    {
        null => NodeState.Up,
        HttpFailureKind.Refused => NodeState.Down,
        _ => NodeState.Unresponsive,
    };

    private TikvMetrics? CurrentMetrics()
    {
        lock (_gate)
        {
            return _lastMetrics;
        }
    }

    // One reading at a time, started when the last is older than the interval; a cycle never waits for Prometheus.
    private void RefreshMetricsInBackground()
    {
        if (_metrics is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_metricsRead is { IsCompleted: false } || (_lastMetrics is not null && _time.GetElapsedTime(_metricsAt) < _options.MetricsInterval))
            {
                return;
            }

            _metricsAt = _time.GetTimestamp();
            _metricsRead = Task.Run(async () =>
            {
                var read = await _metrics.ReadAsync(_options.MetricsTimeout, CancellationToken.None).ConfigureAwait(false);
                lock (_gate)
                {
                    _lastMetrics = read;
                }
            });
        }
    }
}
