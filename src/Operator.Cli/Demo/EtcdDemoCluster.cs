using System.Globalization;
using Operator.Core;
using Operator.Core.Observing;
using Operator.Etcd;
using Operator.Etcd.Client;
using Operator.Etcd.Local;
using Operator.Etcd.Observing;
using Operator.Tui.Chapters;
using Operator.Tui.Demo;

namespace Operator.Cli.Demo;

/// <summary>
/// The local etcd cluster as the demo uses it: started unless one already runs (and then stopped at the end, guarded
/// against the demo being SIGKILLed), observed with its own client, broken with SIGKILL or SIGSTOP, mended with a
/// restart or SIGCONT. A fault still in place when the demo ends early is undone on a cluster the demo did not start.
/// </summary>
internal sealed class EtcdDemoCluster : IDemoCluster, IAsyncDisposable
{
    private readonly StateDirectory _state;
    private readonly LocalEtcdCluster _cluster;
    private readonly EtcdClient _client = new(TimeProvider.System);
    private readonly Lock _gate = new();
    private EtcdSubject? _subject;
    private DemoGuard? _guard;
    private bool _started;
    private InjectedFault? _outstanding;

    public EtcdDemoCluster(StateDirectory state)
    {
        _state = state;
        _cluster = Wiring.Cluster(state);
    }

    public string Subject => "etcd";

    public IDemoStory Story => EtcdStory.Instance;

    public async Task<string> PrepareAsync(CancellationToken cancellationToken)
    {
        string done;
        if (_cluster.Exists && _cluster.Nodes().FirstOrDefault(n => n.State == ProcessState.Stopped) is { } paused)
        {
            throw new OperatorException(
                $"{paused.Name} of the cluster in {_state.Path} is paused (pid {paused.Pid}); resume it with `kill -CONT {paused.Pid}` or stop the cluster with `operator cluster down`, then start the demo again");
        }

        if (_cluster.Exists && _cluster.Nodes().All(n => n.IsRunning))
        {
            done = $"using the running cluster in {_state.Path} ({_cluster.Nodes().Count} members)";
        }
        else if (_cluster.Exists && _cluster.Nodes().Any(n => n.IsAlive))
        {
            // Someone's cluster with members missing: bring them back, and leave the whole cluster running at the end.
            var missing = _cluster.Nodes().Where(n => !n.IsAlive).Select(n => n.Name).ToList();
            await _cluster.UpAsync(null, null, cancellationToken).ConfigureAwait(false);
            done = $"restarted {string.Join(", ", missing)} of the cluster in {_state.Path}";
        }
        else
        {
            _guard = DemoGuard.Start(_state);
            _guard.Arm();
            _started = true;
            var nodes = await _cluster.UpAsync(null, null, cancellationToken).ConfigureAwait(false);
            done = $"started {nodes.Count} etcd members on 127.0.0.1";
        }

        lock (_gate)
        {
            // The dashboard's view needs status every poll, not the 200 KB /metrics pages the monitor reads.
            _subject = new EtcdSubject(_cluster.EndpointSource(), _client, TimeProvider.System, new EtcdSubjectOptions
            {
                ProbeTimeout = TimeSpan.FromMilliseconds(400),
                MetricsInterval = TimeSpan.FromMinutes(10),
            });
        }

        return done;
    }

    public Task<Observation> ObserveAsync(CancellationToken cancellationToken)
    {
        EtcdSubject? subject;
        lock (_gate)
        {
            subject = _subject;
        }

        return subject is null
            ? Task.FromException<Observation>(new OperatorException("starting the cluster…"))
            : subject.ObserveAsync(cancellationToken);
    }

    public string Detail(NodeObservation node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var parts = new List<string>();
        if (node.Metric(EtcdReadings.RaftTerm) is { } term)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"term {term:0}"));
        }

        if (node.Metric(EtcdReadings.DbSizeBytes) is { } db)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"db {db / 1024:0} KiB"));
        }

        if (node.Pid is { } pid)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"pid {pid}"));
        }

        return string.Join(" · ", parts);
    }

    public async Task<InjectedFault> InjectAsync(DemoFault fault, CancellationToken cancellationToken)
    {
        var o = await ObserveAsync(cancellationToken).ConfigureAwait(false);
        var target = fault == DemoFault.KillFollower
            ? o.Nodes.FirstOrDefault(n => n.IsUp && !n.IsLeader)?.Name ?? throw new OperatorException("no follower is up to kill; check `operator cluster status`")
            : o.Leader?.Name ?? throw new OperatorException("the cluster has no leader to break; check `operator cluster status`");
        var signalled = fault == DemoFault.Pause
            ? await _cluster.PauseAsync(target, cancellationToken).ConfigureAwait(false)
            : await _cluster.KillAsync(target, cancellationToken).ConfigureAwait(false);
        var injected = new InjectedFault(fault, target, signalled.Pid, signalled.At, $"{target} ({fault.Victim()}, pid {signalled.Pid}) {fault.Verb()}");
        _outstanding = injected;
        return injected;
    }

    public async Task<string> RecoverAsync(InjectedFault fault, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fault);
        string done;
        if (fault.Fault == DemoFault.Pause)
        {
            await _cluster.ResumeAsync(fault.Node, cancellationToken).ConfigureAwait(false);
            done = $"resumed {fault.Node} with SIGCONT";
        }
        else
        {
            var started = await _cluster.RestartAsync(fault.Node, cancellationToken).ConfigureAwait(false);
            done = $"restarted {fault.Node} (pid {started.Pid}), answering {(started.AnsweredAt - started.LaunchedAt).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms after launch";
        }

        _outstanding = null;
        return done;
    }

    public async Task<string?> CleanupAsync(CancellationToken cancellationToken)
    {
        if (_started)
        {
            if (_outstanding is { Fault: DemoFault.Pause } paused)
            {
                await _cluster.ResumeAsync(paused.Node, cancellationToken).ConfigureAwait(false);
            }

            await _cluster.DownAsync(false, cancellationToken).ConfigureAwait(false);
            _started = false;
            return "the cluster the demo started";
        }

        if (_outstanding is { } fault)
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

        _client.Dispose();
    }
}
