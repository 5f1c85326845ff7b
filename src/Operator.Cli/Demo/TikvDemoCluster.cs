using System.Globalization;
using Operator.Core;
using Operator.Core.Observing;
using Operator.Core.Time;
using Operator.TiKV;
using Operator.TiKV.Deployment;
using Operator.TiKV.Observing;
using Operator.TiKV.Pd;
using Operator.Tui.Chapters;
using Operator.Tui.Demo;

namespace Operator.Cli.Demo;

/// <summary>
/// A TiKV cluster as the demo uses it: the compose deployment (used when PD already answers on its host ports, else
/// started, and then taken down at the end, guarded against the demo being SIGKILLed), or the cluster behind
/// <c>--pd</c>. Faults act on the deployment's containers: the kill faults hit a TiKV store, not the PD leader, because
/// the data and the traffic live on the stores — killing the store that holds the most region leaders leaves those
/// regions leaderless until their other replicas elect one, which is what clients feel; a PD leader loss is re-elected
/// in seconds and barely touches a running load (clients cache where regions live).
/// </summary>
internal sealed class TikvDemoCluster : IDemoCluster, IAsyncDisposable
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RecoverDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RecoverPoll = TimeSpan.FromMilliseconds(250);

    private readonly StateDirectory _state;
    private readonly ComposeDeployment _compose;
    private readonly IReadOnlyList<Uri>? _pd;
    private readonly Uri? _prometheus;
    private readonly TimeProvider _time;
    private readonly Func<DemoGuard>? _startGuard;
    private readonly Lock _gate = new();
    private TikvSubject? _subject;
    private DemoGuard? _guard;
    private bool _started;
    private InjectedFault? _outstanding;
    private Dictionary<long, string> _storeAddresses = [];

    /// <param name="state">The state dir; the compose deployment's files live in its <c>tikv/</c> folder.</param>
    /// <param name="compose">The compose deployment that faults act on.</param>
    /// <param name="pd">PD URLs of an existing cluster (<c>--pd</c>); null for the compose deployment's.</param>
    /// <param name="prometheus">Prometheus of an existing cluster (<c>--prometheus</c>); null for the compose deployment's (or none with <paramref name="pd"/>).</param>
    /// <param name="time">Clock for the waits.</param>
    /// <param name="startGuard">Starts the guard that takes the deployment down if the demo dies; null runs unguarded (tests).</param>
    public TikvDemoCluster(StateDirectory state, ComposeDeployment compose, IReadOnlyList<Uri>? pd, Uri? prometheus, TimeProvider time, Func<DemoGuard>? startGuard)
    {
        _state = state;
        _compose = compose;
        _pd = pd;
        _prometheus = prometheus;
        _time = time;
        _startGuard = startGuard;
        Story = new TikvStory(
            pd is null
                ? "a TiKV cluster of 3 PD members and 3 stores (v8.5.5) in Docker, with Prometheus and a go-ycsb load, as docker compose runs it"
                : $"the TiKV cluster behind PD at {string.Join(", ", pd)}",
            pd is null);
    }

    public string Subject => "tikv";

    public IDemoStory Story { get; }

    /// <summary>Prometheus the dashboard and its children read, null when there is none.</summary>
    public Uri? Prometheus => _pd is null ? new Uri(ComposeEndpoints.PrometheusUrl) : _prometheus;

    /// <summary>The options the monitor and agent need to watch the same cluster (after <c>--subject tikv</c>).</summary>
    public IReadOnlyList<string> SubjectArguments()
    {
        var args = new List<string> { "--subject", "tikv" };
        if (_pd is not null)
        {
            args.AddRange(["--pd", string.Join(',', _pd)]);
            if (_prometheus is not null)
            {
                args.AddRange(["--prometheus", _prometheus.ToString()]);
            }
        }

        return args;
    }

    public async Task<string> PrepareAsync(CancellationToken cancellationToken)
    {
        string done;
        var pd = _pd ?? ComposeEndpoints.PdMemberUrls.Values.Select(u => new Uri(u)).ToList();
        if (await AnsweringAsync(pd, cancellationToken).ConfigureAwait(false) is { } answering)
        {
            if (_pd is null && !_compose.Exists)
            {
                // A deployment started from another state dir: the files let the children find it and the faults address its containers.
                await ComposeFiles.WriteAllAsync(_compose.Directory, cancellationToken).ConfigureAwait(false);
            }

            done = _pd is null
                ? $"using the running TiKV compose deployment (PD at {answering})"
                : $"watching the TiKV cluster at {answering}";
        }
        else if (_pd is not null)
        {
            throw new OperatorException(
                $"no PD member answers at {string.Join(", ", _pd)}; check --pd (PD client URLs, e.g. http://127.0.0.1:2379)");
        }
        else
        {
            _guard = _startGuard?.Invoke();
            _guard?.ArmCompose();
            _started = true;
            try
            {
                var services = await _compose.UpAsync(cancellationToken).ConfigureAwait(false);
                done = string.Create(CultureInfo.InvariantCulture, $"started the TiKV compose deployment ({services.Count} containers)");
            }
            catch (OperatorException e)
            {
                _started = false;
                throw new OperatorException(
                    $"no TiKV cluster answers at {ComposeEndpoints.PdUrl} and starting one failed: {e.Message}; to demo an existing cluster use `operator demo --subject tikv --pd URLS --prometheus URL`");
            }
        }

        lock (_gate)
        {
            _subject = new TikvSubject(pd, Prometheus, _time, new TikvSubjectOptions
            {
                ProbeTimeout = TimeSpan.FromMilliseconds(400),
                PdMemberUrls = _pd is null || _compose.Exists
                    ? ComposeEndpoints.PdMemberUrls.ToDictionary(kv => kv.Key, kv => new Uri(kv.Value), StringComparer.Ordinal)
                    : new Dictionary<string, Uri>(),
            });
        }

        return done;
    }

    public Task<Observation> ObserveAsync(CancellationToken cancellationToken)
    {
        TikvSubject? subject;
        lock (_gate)
        {
            subject = _subject;
        }

        return subject is null
            ? Task.FromException<Observation>(new OperatorException("starting the cluster…"))
            : subject.ObserveAsync(cancellationToken);
    }

    /// <summary>PD: leader or member and where it answers; a store: PD's state unless Up, its regions and leaders, disk use.</summary>
    public string Detail(NodeObservation node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Role == TikvReadings.PdRole)
        {
            var where = node.Fact(TikvReadings.ClientUrl) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var u) ? " · " + u.Authority : string.Empty;
            return (node.IsLeader ? "leader" : "member") + where;
        }

        var parts = new List<string>();
        if (node.Fact(TikvReadings.PdStateName) is { } state && state != "Up")
        {
            parts.Add(state);
        }

        if (node.Metric(TikvReadings.RegionCount) is { } regions)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{regions:0} regions"));
        }

        if (node.Metric(TikvReadings.LeaderCount) is { } leaders)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{leaders:0} leaders"));
        }

        if (node.Metric(TikvReadings.DiskUsedRatio) is { } disk && double.IsFinite(disk))
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"disk {disk * 100:0}%"));
        }

        return string.Join(" · ", parts);
    }

    public async Task<InjectedFault> InjectAsync(DemoFault fault, CancellationToken cancellationToken)
    {
        if (!_compose.Exists)
        {
            throw new OperatorException(
                $"the {fault.ToWire()} fault acts on the compose deployment's containers, and there is none in {_state.Path}; start one with `operator cluster up --subject tikv`");
        }

        var o = await ObserveAsync(cancellationToken).ConfigureAwait(false);
        var addresses = StoreAddresses(o);
        var (target, why) = Victim(o, fault);
        var action = fault == DemoFault.Pause
            ? await _compose.PauseAsync(target.Name, addresses, cancellationToken).ConfigureAwait(false)
            : await _compose.KillAsync(target.Name, addresses, cancellationToken).ConfigureAwait(false);
        var how = fault == DemoFault.Pause ? "frozen with docker pause" : "killed with docker kill (SIGKILL)";
        var injected = new InjectedFault(fault, target.Name, null, action.At, $"{target.Name} ({why}, container {action.Container}) {how}");
        lock (_gate)
        {
            _storeAddresses = addresses;
            _outstanding = injected;
        }

        return injected;
    }

    public async Task<string> RecoverAsync(InjectedFault fault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fault);
        Dictionary<long, string> addresses;
        lock (_gate)
        {
            addresses = _storeAddresses;
        }

        var started = _time.GetTimestamp();
        var action = fault.Fault == DemoFault.Pause
            ? await _compose.UnpauseAsync(fault.Node, addresses, cancellationToken).ConfigureAwait(false)
            : await _compose.StartAsync(fault.Node, addresses, cancellationToken).ConfigureAwait(false);
        await WaitUntilUpAsync(fault.Node, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _outstanding = null;
        }

        var verb = fault.Fault == DemoFault.Pause ? "unpaused" : "started";
        return $"{verb} {fault.Node} ({action.Container}), answering {DurationText.Format(_time.GetElapsedTime(started))} later";
    }

    public async Task<string?> CleanupAsync(CancellationToken cancellationToken)
    {
        InjectedFault? outstanding;
        lock (_gate)
        {
            outstanding = _outstanding;
        }

        if (_started)
        {
            if (outstanding is { Fault: DemoFault.Pause } paused)
            {
                await _compose.UnpauseAsync(paused.Node, _storeAddresses, cancellationToken).ConfigureAwait(false);
            }

            await _compose.DownAsync(false, cancellationToken).ConfigureAwait(false);
            _started = false;
            return "the TiKV compose deployment the demo started (docker compose down)";
        }

        if (outstanding is { } fault)
        {
            var undone = await RecoverAsync(fault, cancellationToken).ConfigureAwait(false);
            return $"the fault ({undone}); the cluster keeps running";
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_guard is not null)
        {
            await _guard.DisposeAsync().ConfigureAwait(false);
        }

        TikvSubject? subject;
        lock (_gate)
        {
            subject = _subject;
        }

        if (subject is not null)
        {
            await subject.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The store a fault hits: the up store with the most region leaders (kill-leader, pause), or the one with the
    /// fewest (kill-follower); ties go to the lower name so a run is repeatable.
    /// </summary>
    internal static (NodeObservation Node, string Why) Victim(Observation o, DemoFault fault)
    {
        ArgumentNullException.ThrowIfNull(o);
        var stores = o.Nodes
            .Where(n => n.Role == TikvReadings.TikvRole && n.IsUp)
            .OrderByDescending(n => n.Metric(TikvReadings.LeaderCount) ?? 0)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .ToList();
        if (stores.Count < 2)
        {
            throw new OperatorException(
                $"the {fault.ToWire()} fault needs at least 2 TiKV stores up, and {stores.Count} {(stores.Count == 1 ? "is" : "are")}; check `operator cluster status --subject tikv`");
        }

        var node = fault == DemoFault.KillFollower ? stores[^1] : stores[0];
        var leaders = (node.Metric(TikvReadings.LeaderCount) ?? 0).ToString("0", CultureInfo.InvariantCulture);
        var why = fault == DemoFault.KillFollower
            ? $"the store with the fewest region leaders, {leaders}"
            : $"the store with the most region leaders, {leaders}";
        return (node, why);
    }

    /// <summary>Store id → gRPC address as PD reports them: how a store's name maps onto its container.</summary>
    internal static Dictionary<long, string> StoreAddresses(Observation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var addresses = new Dictionary<long, string>();
        foreach (var n in o.Nodes.Where(n => n.Role == TikvReadings.TikvRole))
        {
            if (n.Metric(TikvReadings.StoreId) is { } id && n.Fact(TikvReadings.Address) is { } address)
            {
                addresses[(long)id] = address;
            }
        }

        return addresses;
    }

    private async Task<Uri?> AnsweringAsync(IReadOnlyList<Uri> pd, CancellationToken cancellationToken)
    {
        using var client = new PdClient(pd, _time);
        var pings = pd.Select(u => client.PingAsync(u, PingTimeout, cancellationToken)).ToArray();
        var answers = await Task.WhenAll(pings).ConfigureAwait(false);
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i].Ok)
            {
                return pd[i];
            }
        }

        return null;
    }

    private async Task WaitUntilUpAsync(string node, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        string? last = null;
        while (_time.GetElapsedTime(started) < RecoverDeadline)
        {
            var o = await ObserveAsync(cancellationToken).ConfigureAwait(false);
            var n = o.Nodes.FirstOrDefault(x => x.Name == node);
            if (n is { IsUp: true })
            {
                return;
            }

            last = n is null ? "PD does not list it" : n.Error ?? n.State.ToWire();
            await Task.Delay(RecoverPoll, _time, cancellationToken).ConfigureAwait(false);
        }

        throw new OperatorException(
            $"{node} did not answer within {DurationText.Format(RecoverDeadline)} of being started again (last: {last}); see `docker compose -p {_compose.Project} -f {_compose.ComposeFile} logs`");
    }
}
