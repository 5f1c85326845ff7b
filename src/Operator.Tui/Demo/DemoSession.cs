using Operator.Core.Observing;
using Operator.Core.Processes;
using Operator.Core.Tickets;
using Operator.Tui.Chapters;
using Operator.Tui.State;

namespace Operator.Tui.Demo;

/// <summary>
/// One run of the live demo: walks the chapters, runs the monitor, agent and load generator as children, observes the
/// cluster and reads the tickets itself, and hands a fresh <see cref="DashboardState"/> to the screen ~5 times a second.
/// Whatever ends the run — the last chapter, Q, Ctrl+C, SIGTERM, a failure — the children are stopped and the cluster
/// it started is put away before it returns.
/// </summary>
public sealed class DemoSession : IDemoWorld
{
    private readonly IDemoCluster _cluster;
    private readonly IDemoProcessLauncher _launcher;
    private readonly TicketStore _store;
    private readonly Func<string, WorkloadUpdate?> _parseLoadLine;
    private readonly DemoOptions _options;
    private readonly TimeProvider _time;
    private readonly DashboardModel _model;
    private readonly Lock _gate = new();
    private readonly Dictionary<DemoRole, ChildProcess> _children = [];
    private long _ticketsBefore = -1;

    public DemoSession(
        IDemoCluster cluster,
        IDemoProcessLauncher launcher,
        TicketStore store,
        Func<string, WorkloadUpdate?> parseLoadLine,
        DemoOptions options,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(options);
        _cluster = cluster;
        _launcher = launcher;
        _store = store;
        _parseLoadLine = parseLoadLine;
        _options = options;
        _time = time;
        _model = new DashboardModel(options.PanelLines, options.WorkloadSeconds, cluster.Detail);
    }

    public IDemoCluster Cluster => _cluster;

    public DemoFault Fault => _options.Fault;

    public string Engine => _options.Engine;

    public DemoRecord Record { get; } = new();

    public TimeProvider Time => _time;

    public Observation? LatestObservation => _model.Observation;

    public WorkloadPanelState Workload => _model.WorkloadState();

    /// <summary>Runs the demo until the last chapter is done, the presenter quits, or <paramref name="cancellationToken"/> fires.</summary>
    public async Task<DemoOutcome> RunAsync(IDashboardScreen screen, IKeySource keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(screen);
        ArgumentNullException.ThrowIfNull(keys);
        var started = _time.GetTimestamp();
        var runner = new ChapterRunner(DemoChapters.For(_options.Fault, _options.Engine, _cluster.Story), this, _time, _options.AutoAdvance);
        using var polling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var poller = Task.Run(() => PollAsync(polling.Token), CancellationToken.None);
        var completed = false;
        var cleanup = string.Empty;
        (long, NarrationState?, long) lastFrame = (-1, null, -1);
        try
        {
            runner.Start();
            while (!cancellationToken.IsCancellationRequested)
            {
                if (ReadKeys(keys, runner) is { } quit)
                {
                    completed = !quit;
                    break;
                }

                runner.Tick();
                if (runner.Finished || (_options.AutoAdvance is not null && runner.HasFailed(0) && !runner.Busy))
                {
                    completed = runner.Finished;
                    break;
                }

                // Draw only when something visible changed: the clock ticks once a second, lines and points arrive a
                // few times a second, and an unchanged frame is pure cost.
                var header = Header(started);
                var narration = runner.Narration();
                var frame = (_model.Version, narration, (long)header.Elapsed.TotalSeconds);
                if (frame != lastFrame || screen.NeedsRedraw)
                {
                    screen.Draw(_model.Snapshot(header, narration));
                    lastFrame = frame;
                }

                try
                {
                    await Task.Delay(_options.Refresh, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            await runner.StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            screen.Draw(_model.Snapshot(Header(started), runner.Narration("cleaning up: stopping the load, the agent, the monitor and the cluster the demo started…")));
            cleanup = await CleanupAsync().ConfigureAwait(false);
            await polling.CancelAsync().ConfigureAwait(false);
            await poller.ConfigureAwait(false);
        }

        return new DemoOutcome(Record, completed, runner.Failures(), cleanup);
    }

    public async Task<string> StartDaemonsAsync(CancellationToken cancellationToken)
    {
        _ticketsBefore = await _store.LastIdAsync(cancellationToken).ConfigureAwait(false);
        var monitor = Start(DemoRole.Monitor, (line, _) => _model.Line(DemoRole.Monitor, line));
        var agent = Start(DemoRole.Agent, (line, _) => _model.Line(DemoRole.Agent, line));
        return $"monitor (pid {monitor.Pid}) and agent (pid {agent.Pid}) running";
    }

    public Task<string> StartLoadAsync(CancellationToken cancellationToken)
    {
        var load = Start(DemoRole.Load, OnLoadLine);
        return Task.FromResult($"load generator running (pid {load.Pid})");
    }

    public async Task<IReadOnlyList<Ticket>> TicketsAsync(CancellationToken cancellationToken) =>
        await _store.ListRecentAsync(Math.Max(0, _ticketsBefore), cancellationToken).ConfigureAwait(false);

    private HeaderState Header(long started) =>
        new(_cluster.Subject, _options.Engine, _options.Fault.ToWire(), _time.GetElapsedTime(started), _options.AutoAdvance is null ? "interactive" : "auto");

    /// <summary>Null: keep going. False: the presenter finished the last chapter. True: the presenter quit.</summary>
    private static bool? ReadKeys(IKeySource keys, ChapterRunner runner)
    {
        while (keys.TryRead(out var key))
        {
            if (key == DemoKey.Quit)
            {
                return true;
            }

            if (runner.Advance() && runner.Finished)
            {
                return false;
            }
        }

        return null;
    }

    private ChildProcess Start(DemoRole role, Action<string, bool> onLine)
    {
        lock (_gate)
        {
            if (_children.TryGetValue(role, out var running) && !running.HasExited)
            {
                return running;
            }
        }

        var child = _launcher.Start(role, onLine);
        lock (_gate)
        {
            _children[role] = child;
        }

        _model.Started(role, child);
        return child;
    }

    private void OnLoadLine(string line, bool isError)
    {
        var update = isError ? new WorkloadUpdate(null, null, line) : _parseLoadLine(line);
        if (update is not null)
        {
            _model.Workload(update);
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Observation? observation = null;
            IReadOnlyList<Ticket> unresolved = [];
            string? note = null;
            try
            {
                observation = await _cluster.ObserveAsync(cancellationToken).ConfigureAwait(false);
                unresolved = await _store.ListAsync(TicketFilter.Unresolved, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A cluster that is not up yet, or a database busy for a moment: say so and try again next poll.
                note = e.Message.ReplaceLineEndings(" ");
            }

            _model.Cluster(observation, unresolved, note);
            try
            {
                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Stops the children (load first, so it does not count the cluster going away) and the cluster; never throws.</summary>
    private async Task<string> CleanupAsync()
    {
        var stopped = new List<string>();
        List<(DemoRole Role, ChildProcess Child)> children;
        lock (_gate)
        {
            children = _children.Select(c => (c.Key, c.Value)).ToList();
        }

        foreach (var role in new[] { DemoRole.Load, DemoRole.Agent, DemoRole.Monitor })
        {
            foreach (var child in children.Where(c => c.Role == role).Select(c => c.Child))
            {
                await child.StopAsync(_options.StopGrace).ConfigureAwait(false);
                await child.DisposeAsync().ConfigureAwait(false);
                stopped.Add(role switch { DemoRole.Load => "the load", DemoRole.Agent => "the agent", _ => "the monitor" });
            }
        }

        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            if (await _cluster.CleanupAsync(deadline.Token).ConfigureAwait(false) is { } cluster)
            {
                stopped.Add(cluster);
            }
        }
        catch (Exception e)
        {
            stopped.Add($"NOT the cluster ({e.Message.ReplaceLineEndings(" ")}; stop it with `operator cluster down`)");
        }

        return stopped.Count == 0 ? "nothing to stop" : "stopped " + string.Join(", ", stopped);
    }
}
