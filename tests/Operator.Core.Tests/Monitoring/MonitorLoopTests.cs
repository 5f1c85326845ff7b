using Operator.Core.Invariants;
using Operator.Core.Monitoring;
using Operator.Core.Observing;
using Operator.Core.Tickets;

namespace Operator.Core.Tests.Monitoring;

public sealed class MonitorLoopTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("operator-monitor-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed class ScriptedSubject : ISubject
    {
        public Func<Observation> Next { get; set; } = () => throw new InvalidOperationException("no script");

        public Action<Action<string>>? OnWatch { get; set; }

        public int Observations { get; private set; }

        public string Name => "test";

        public Task<Observation> ObserveAsync(CancellationToken cancellationToken)
        {
            Observations++;
            return Task.FromResult(Next());
        }

        public async Task WatchAsync(Action<string> changed, CancellationToken cancellationToken)
        {
            OnWatch?.Invoke(changed);
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class NodeDown : IInvariant
    {
        public string Name => "node_down";

        public string Description => "nodes are up";

        public InvariantSettings Defaults { get; } = new(true, TimeSpan.Zero, Severity.Critical, new Dictionary<string, double>());

        public IReadOnlyList<Finding>? Check(Observation o, InvariantSettings s) =>
            o.Nodes.Where(n => !n.IsUp).Select(n => new Finding(n.Name, n.Name, $"{n.Name} down", new Dictionary<string, object?> { ["bad"] = n.Fact("bad") is null ? null : new Unserialisable() })).ToList();
    }

    private sealed class Unserialisable
    {
        public string Boom => throw new InvalidOperationException("cannot serialise");
    }

    private static Observation Obs(DateTimeOffset at, TimeSpan duration, params NodeObservation[] nodes) =>
        new(at, "test", nodes, new Dictionary<string, string>(), [], duration);

    private static NodeObservation Node(string name, NodeState state, bool bad = false) =>
        new(name, "test", "http://x", state, false, null, ProcessState.Unknown, null, new Dictionary<string, double>(),
            bad ? new Dictionary<string, string> { ["bad"] = "1" } : new Dictionary<string, string>(), TimeSpan.Zero, new Dictionary<string, HistogramSnapshot>());

    private async Task<TicketStore> StoreAsync() => await TicketStore.OpenAsync(Path.Combine(_dir, "operator.db"));

    [Fact]
    public async Task Ticket_is_stamped_when_the_observation_finished_not_when_it_started()
    {
        var started = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var subject = new ScriptedSubject { Next = () => Obs(started, TimeSpan.FromMilliseconds(180), Node("n2", NodeState.Down)) };
        using var store = await StoreAsync();
        var loop = new MonitorLoop(subject, new InvariantEngine([new NodeDown()], InvariantConfig.Empty), store, TimeProvider.System, TextWriter.Null, MonitorOptions.Default);

        var report = await loop.RunCycleAsync("tick", CancellationToken.None);

        var ticket = Assert.Single(report.Tickets!.Opened);
        Assert.Equal(started.AddMilliseconds(180), ticket.FirstSeenAt);
    }

    [Fact]
    public async Task A_watch_report_runs_a_cycle_at_once_instead_of_waiting_for_the_next_tick()
    {
        var down = false;
        Action<string>? changed = null;
        var subject = new ScriptedSubject
        {
            Next = () => Obs(DateTimeOffset.UtcNow, TimeSpan.Zero, Node("n1", down ? NodeState.Down : NodeState.Up)),
            OnWatch = c => changed = c,
        };
        using var store = await StoreAsync();
        var output = new StringWriter();
        var loop = new MonitorLoop(subject, new InvariantEngine([new NodeDown()], InvariantConfig.Empty), store, TimeProvider.System, TextWriter.Synchronized(output), MonitorOptions.Default with { Interval = TimeSpan.FromHours(1) });
        using var cts = new CancellationTokenSource();
        var run = loop.RunAsync(cts.Token);

        await Testing.Eventually.WaitUntilAsync(() => changed is not null && subject.Observations >= 1, TimeSpan.FromSeconds(10), "the first cycle and the watch");
        down = true;
        changed!("watch stream to n1 dropped");
        await Testing.Eventually.WaitUntilAsync(() => output.ToString().Contains("OPENED", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "a cycle triggered by the watch");

        await cts.CancelAsync();
        await run;
        var text = output.ToString();
        Assert.Contains("[watch stream to n1 dropped]", text);
        Assert.Contains("OPENED   #1 node_down:n1 [critical] n1 down", text);
        Assert.Contains("monitor stopped after 2 cycles", text);
    }

    [Fact]
    public async Task Without_watch_no_trigger_is_listened_to()
    {
        var watched = false;
        var subject = new ScriptedSubject { Next = () => Obs(DateTimeOffset.UtcNow, TimeSpan.Zero), OnWatch = _ => watched = true };
        using var store = await StoreAsync();
        var loop = new MonitorLoop(subject, new InvariantEngine([new NodeDown()], InvariantConfig.Empty), store, TimeProvider.System, TextWriter.Null, MonitorOptions.Default with { Interval = TimeSpan.FromHours(1), Watch = false });
        using var cts = new CancellationTokenSource();
        var run = loop.RunAsync(cts.Token);
        await Testing.Eventually.WaitUntilAsync(() => subject.Observations >= 1, TimeSpan.FromSeconds(10), "the first cycle");
        await cts.CancelAsync();
        await run;
        Assert.False(watched);
    }

    [Fact]
    public async Task A_failing_ticket_write_is_reported_and_the_next_cycle_still_runs()
    {
        var bad = true;
        var subject = new ScriptedSubject { Next = () => Obs(DateTimeOffset.UtcNow, TimeSpan.Zero, Node("n1", NodeState.Down, bad)) };
        using var store = await StoreAsync();
        var output = new StringWriter();
        var loop = new MonitorLoop(subject, new InvariantEngine([new NodeDown()], InvariantConfig.Empty), store, TimeProvider.System, output, MonitorOptions.Default);

        var failed = await loop.RunCycleAsync("tick", CancellationToken.None);
        Assert.NotNull(failed.StoreError);
        Assert.Contains("WARNING  record tickets in", output.ToString());

        bad = false;
        var next = await loop.RunCycleAsync("tick", CancellationToken.None);
        Assert.Null(next.StoreError);
        Assert.Single(next.Tickets!.Opened);
    }
}
