using System.Collections.Concurrent;
using Operator.Core.Processes;
using Operator.Core.Tickets;
using Operator.Testing;
using Operator.Tui.Demo;
using Operator.Tui.State;

namespace Operator.Tui.Tests.Demo;

public sealed class DemoSessionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Quitting_stops_every_child_and_puts_the_cluster_away()
    {
        using var dir = new TempStateDir();
        using var store = await TicketStore.OpenAsync(Path.Combine(dir.Path, "operator.db"));
        var launcher = new ShellLauncher();
        var cluster = new FakeCluster(TimeProvider.System);
        var session = new DemoSession(cluster, launcher, store, _ => null, Options(), TimeProvider.System);
        var screen = new RecordingScreen();
        var keys = new QueuedKeys();

        var run = session.RunAsync(screen, keys, CancellationToken.None);
        await Eventually.WaitUntilAsync(() => screen.Last?.Narration.Status?.Contains("agent (pid", StringComparison.Ordinal) == true, Deadline, "the welcome chapter started the daemons");
        await Eventually.WaitUntilAsync(() => screen.Last?.Monitor.Lines.Contains("monitor says hi") == true, Deadline, "the monitor's output reached its panel");
        Assert.Equal(ProcessStatus.Running, screen.Last!.Monitor.Status);
        keys.Push(DemoKey.Quit);
        var outcome = await run.WaitAsync(Deadline);

        Assert.False(outcome.Completed);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(["prepare", "cleanup"], cluster.Calls);
        Assert.All(launcher.Started, c => Assert.True(c.HasExited));
        Assert.Equal("stopped the agent, the monitor, the cluster the demo started", outcome.Cleanup);
        Assert.Equal("cleaning up…", screen.Last!.Narration.Keys);
    }

    [Fact]
    public async Task A_frame_is_drawn_only_when_something_visible_changed()
    {
        using var dir = new TempStateDir();
        using var store = await TicketStore.OpenAsync(Path.Combine(dir.Path, "operator.db"));
        var launcher = new ShellLauncher();
        var session = new DemoSession(new FakeCluster(TimeProvider.System), launcher, store, _ => null, Options(), TimeProvider.System);
        var screen = new RecordingScreen();
        var keys = new QueuedKeys();

        var run = session.RunAsync(screen, keys, CancellationToken.None);
        await Eventually.WaitUntilAsync(() => screen.Last?.Narration.Busy == false && screen.Last.Monitor.Lines.Count > 0, Deadline, "the welcome chapter finished");
        var (frames, ticks) = (screen.Frames, screen.Ticks);
        await Eventually.WaitUntilAsync(() => screen.Ticks - ticks >= 100, Deadline, "100 more ticks of the loop");
        var drawn = screen.Frames - frames;
        keys.Push(DemoKey.Quit);
        await run.WaitAsync(Deadline);

        // Nothing changes but the clock (once a second) while 100 ticks of 10 ms pass: a handful of frames, not 100.
        Assert.InRange(drawn, 1, 20);
    }

    private static DemoOptions Options() => new(DemoFault.KillLeader, "rules", AutoAdvance: null)
    {
        Refresh = TimeSpan.FromMilliseconds(10),
        PollInterval = TimeSpan.FromMilliseconds(50),
        StopGrace = TimeSpan.FromSeconds(2),
    };

    /// <summary>Children that say one line and then wait quietly, as real processes.</summary>
    private sealed class ShellLauncher : IDemoProcessLauncher
    {
        public ConcurrentBag<ChildProcess> Started { get; } = [];

        public ChildProcess Start(DemoRole role, Action<string, bool> onLine)
        {
            var name = role.ToString().ToLowerInvariant();
            var child = ChildProcess.Start(name, "/bin/sh", ["-c", $"echo '{name} says hi'; exec sleep 60"], onLine);
            Started.Add(child);
            return child;
        }
    }

    private sealed class RecordingScreen : IDashboardScreen
    {
        private DashboardState? _last;
        private long _frames;
        private long _ticks;

        public DashboardState? Last => Volatile.Read(ref _last);

        public long Frames => Interlocked.Read(ref _frames);

        public long Ticks => Interlocked.Read(ref _ticks);

        public bool NeedsRedraw
        {
            get
            {
                Interlocked.Increment(ref _ticks);
                return false;
            }
        }

        public void Draw(DashboardState state)
        {
            Volatile.Write(ref _last, state);
            Interlocked.Increment(ref _frames);
        }
    }

    private sealed class QueuedKeys : IKeySource
    {
        private readonly ConcurrentQueue<DemoKey> _keys = new();

        public void Push(DemoKey key) => _keys.Enqueue(key);

        public bool TryRead(out DemoKey key) => _keys.TryDequeue(out key);
    }
}
