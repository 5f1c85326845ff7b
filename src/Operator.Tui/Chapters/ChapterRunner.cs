using Operator.Tui.State;

namespace Operator.Tui.Chapters;

/// <summary>
/// Walks the chapters: entering one starts its action; advancing is refused while the action runs (and the narration
/// says so); a failed action is shown in red and does not stop the presenter from moving on. In auto mode a chapter
/// advances by itself once its action is done and it has been on screen for the chapter time.
/// </summary>
public sealed class ChapterRunner
{
    /// <summary>In auto mode, how long a finished action's result stays on screen at least.</summary>
    public static readonly TimeSpan MinimumDwell = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyList<IChapter> _chapters;
    private readonly IDemoWorld _world;
    private readonly TimeProvider _time;
    private readonly TimeSpan? _autoAdvance;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, string> _failed = [];
    private readonly CancellationTokenSource _actions = new();
    private int _index = -1;
    private long _enteredAt;
    private long? _doneAt;
    private Task _action = Task.CompletedTask;
    private string? _status;
    private string? _countdown;
    private bool _blockedPress;

    /// <param name="chapters">The chapters, in order.</param>
    /// <param name="world">What their actions work on.</param>
    /// <param name="time">The clock for dwell times.</param>
    /// <param name="autoAdvance">Chapter time in auto mode; null for interactive (keys only).</param>
    public ChapterRunner(IReadOnlyList<IChapter> chapters, IDemoWorld world, TimeProvider time, TimeSpan? autoAdvance)
    {
        ArgumentNullException.ThrowIfNull(chapters);
        ArgumentOutOfRangeException.ThrowIfZero(chapters.Count);
        _chapters = chapters;
        _world = world;
        _time = time;
        _autoAdvance = autoAdvance;
    }

    /// <summary>0-based index of the chapter on screen; -1 before <see cref="Start"/>.</summary>
    public int Index
    {
        get
        {
            lock (_gate)
            {
                return _index;
            }
        }
    }

    /// <summary>True after the last chapter was advanced past.</summary>
    public bool Finished { get; private set; }

    /// <summary>True while the current chapter's action runs.</summary>
    public bool Busy => !_action.IsCompleted;

    /// <summary>True when any chapter's action failed.</summary>
    public bool AnyFailed
    {
        get
        {
            lock (_gate)
            {
                return _failed.Count > 0;
            }
        }
    }

    /// <summary>Each failed chapter as <c>Title: reason</c>, in chapter order.</summary>
    public IReadOnlyList<string> Failures()
    {
        lock (_gate)
        {
            return _failed.OrderBy(f => f.Key).Select(f => $"{_chapters[f.Key].Title}: {f.Value}").ToList();
        }
    }

    /// <summary>True when the chapter at <paramref name="index"/> failed.</summary>
    public bool HasFailed(int index)
    {
        lock (_gate)
        {
            return _failed.ContainsKey(index);
        }
    }

    /// <summary>Enters the first chapter.</summary>
    public void Start()
    {
        if (_index >= 0)
        {
            throw new InvalidOperationException("the chapters were already started");
        }

        Enter(0);
    }

    /// <summary>
    /// Moves to the next chapter (or finishes after the last) unless the current action still runs; then it returns
    /// false and the narration says advancing waits for it.
    /// </summary>
    public bool Advance()
    {
        if (_index < 0 || Finished)
        {
            return false;
        }

        if (Busy)
        {
            lock (_gate)
            {
                _blockedPress = true;
            }

            return false;
        }

        if (_index == _chapters.Count - 1)
        {
            Finished = true;
            return true;
        }

        Enter(_index + 1);
        return true;
    }

    /// <summary>Auto mode: advances when the action is done and the chapter has been on screen long enough.</summary>
    public void Tick()
    {
        if (_autoAdvance is not { } chapterTime || _index < 0 || Finished || Busy)
        {
            return;
        }

        if (RemainingDwell(chapterTime) <= TimeSpan.Zero)
        {
            Advance();
        }
    }

    /// <summary>Cancels the running action (on quit) and waits up to <paramref name="grace"/> for it to unwind.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await _actions.CancelAsync().ConfigureAwait(false);
        try
        {
            await _action.WaitAsync(grace, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }

    /// <summary>The narration for the chapter on screen; <paramref name="note"/> replaces the status (e.g. while cleaning up).</summary>
    public NarrationState Narration(string? note = null)
    {
        lock (_gate)
        {
            var i = Math.Max(0, _index);
            var chapter = _chapters[i];
            var busy = Busy;
            var failed = _failed.ContainsKey(i);
            return new NarrationState(
                i + 1,
                _chapters.Count,
                chapter.Title,
                chapter.Text,
                chapter.Watch,
                note ?? _status,
                note is null ? _countdown : null,
                busy && note is null,
                note is null ? Keys(busy, i) : "cleaning up…",
                failed);
        }
    }

    private string Keys(bool busy, int index)
    {
        var last = index == _chapters.Count - 1;
        if (busy)
        {
            return _blockedPress
                ? "still working on this step — SPACE will work once it is done · Q quit"
                : "working… (advancing waits until this step is done) · Q quit";
        }

        if (_autoAdvance is { } chapterTime)
        {
            var seconds = Math.Max(0, (int)Math.Ceiling(RemainingDwell(chapterTime).TotalSeconds));
            return last ? $"auto: finishing in {seconds} s · Q quit" : $"auto: next chapter in {seconds} s · SPACE next · Q quit";
        }

        return last ? "SPACE/ENTER or Q to finish" : "SPACE/ENTER next chapter · Q quit";
    }

    private TimeSpan RemainingDwell(TimeSpan chapterTime)
    {
        var sinceEntered = _time.GetElapsedTime(_enteredAt);
        var remaining = chapterTime - sinceEntered;
        if (_doneAt is { } done)
        {
            var dwell = MinimumDwell < chapterTime ? MinimumDwell : chapterTime;
            var sinceDone = _time.GetElapsedTime(done);
            remaining = remaining > dwell - sinceDone ? remaining : dwell - sinceDone;
        }

        return remaining;
    }

    private void Enter(int index)
    {
        var chapter = _chapters[index];
        lock (_gate)
        {
            _index = index;
            _enteredAt = _time.GetTimestamp();
            _doneAt = null;
            _status = null;
            _countdown = null;
            _blockedPress = false;
        }

        var context = new Scope(this, index);
        _action = Task.Run(() => RunAsync(chapter, context, index), CancellationToken.None);
    }

    private async Task RunAsync(IChapter chapter, Scope context, int index)
    {
        try
        {
            await chapter.RunAsync(context, _actions.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_actions.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            var reason = e is ChapterFailedException ? e.Message : $"{e.GetType().Name}: {e.Message}";
            lock (_gate)
            {
                _failed[index] = reason.ReplaceLineEndings(" ");
                _countdown = null;
                _status = $"FAILED: {reason.ReplaceLineEndings(" ")}";
            }
        }
        finally
        {
            lock (_gate)
            {
                if (_index == index)
                {
                    _doneAt = _time.GetTimestamp();
                    _blockedPress = false;
                }
            }
        }
    }

    private void SetStatus(int index, string text)
    {
        lock (_gate)
        {
            if (_index == index)
            {
                _status = text;
            }
        }
    }

    private void SetCountdown(int index, string? text)
    {
        lock (_gate)
        {
            if (_index == index)
            {
                _countdown = text;
            }
        }
    }

    /// <summary>The world as one chapter sees it: its status and countdown go to that chapter only.</summary>
    private sealed class Scope : IChapterContext
    {
        private readonly ChapterRunner _runner;
        private readonly int _index;

        public Scope(ChapterRunner runner, int index)
        {
            _runner = runner;
            _index = index;
        }

        public Demo.IDemoCluster Cluster => _runner._world.Cluster;

        public Demo.DemoFault Fault => _runner._world.Fault;

        public string Engine => _runner._world.Engine;

        public DemoRecord Record => _runner._world.Record;

        public TimeProvider Time => _runner._world.Time;

        public Core.Observing.Observation? LatestObservation => _runner._world.LatestObservation;

        public WorkloadPanelState Workload => _runner._world.Workload;

        public void Status(string text) => _runner.SetStatus(_index, text);

        public void Countdown(string? text) => _runner.SetCountdown(_index, text);

        public Task<string> StartDaemonsAsync(CancellationToken cancellationToken) => _runner._world.StartDaemonsAsync(cancellationToken);

        public Task<string> StartLoadAsync(CancellationToken cancellationToken) => _runner._world.StartLoadAsync(cancellationToken);

        public Task<IReadOnlyList<Core.Tickets.Ticket>> TicketsAsync(CancellationToken cancellationToken) => _runner._world.TicketsAsync(cancellationToken);
    }
}
