using System.Threading.Channels;
using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Core.Tickets;

namespace Operator.Core.Monitoring;

/// <summary>
/// The monitor daemon's loop: observe the subject, evaluate invariants, record tickets, print a heartbeat.
/// Runs a cycle every <see cref="MonitorOptions.Interval"/> and, in between, as soon as the subject reports
/// a change (e.g. a member's watch stream dropped), so a crash is seen in milliseconds. A subject that is
/// partly or wholly unreachable is a violation, not a crash; a database hiccup is reported and retried next
/// cycle.
/// </summary>
public sealed class MonitorLoop
{
    private readonly HeapTrim _heap = new();
    private readonly ISubject _subject;
    private readonly InvariantEngine _engine;
    private readonly TicketStore _store;
    private readonly TimeProvider _time;
    private readonly HeartbeatWriter _heartbeat;
    private readonly MonitorOptions _options;
    private long _cycles;

    public MonitorLoop(ISubject subject, InvariantEngine engine, TicketStore store, TimeProvider time, TextWriter output, MonitorOptions options)
    {
        _subject = subject;
        _engine = engine;
        _store = store;
        _time = time;
        _heartbeat = new HeartbeatWriter(output);
        _options = options;
    }

    /// <summary>Runs until cancelled. Returns normally on cancellation.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var triggers = Channel.CreateBounded<string>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        using var watchStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watch = _options.Watch
            ? Task.Run(() => _subject.WatchAsync(reason => triggers.Writer.TryWrite(reason), watchStop.Token), CancellationToken.None)
            : Task.CompletedTask;
        _heartbeat.Started(_time.GetUtcNow(), _subject.Name, _engine.EnabledCount, _options.Interval);

        try
        {
            var trigger = "tick";
            while (!cancellationToken.IsCancellationRequested)
            {
                var started = _time.GetTimestamp();
                await RunCycleAsync(trigger, cancellationToken).ConfigureAwait(false);

                var wait = _options.Interval - _time.GetElapsedTime(started);
                trigger = await NextTriggerAsync(triggers.Reader, wait, cancellationToken).ConfigureAwait(false);
                if (trigger != "tick")
                {
                    // Let a burst of drops (several members, or one member's several streams) settle into one cycle.
                    await Task.Delay(_options.MinTriggerGap, _time, cancellationToken).ConfigureAwait(false);
                    while (triggers.Reader.TryRead(out _))
                    {
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await watchStop.CancelAsync().ConfigureAwait(false);
            try
            {
                await watch.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            _heartbeat.Stopped(_time.GetUtcNow(), _cycles);
        }
    }

    /// <summary>One observe → evaluate → record → report pass.</summary>
    public async Task<CycleReport> RunCycleAsync(string trigger, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var number = ++_cycles;
        var observation = await _subject.ObserveAsync(cancellationToken).ConfigureAwait(false);
        var evaluation = _engine.Evaluate(observation);
        var report = new CycleReport(number, trigger, observation, evaluation, null, null, TimeSpan.Zero);

        CycleOutcome? outcome = null;
        string? storeError = null;
        try
        {
            outcome = await _store.ApplyCycleAsync(_subject.Name, evaluation.Violations, evaluation.Evaluated, report.SeenAt, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            storeError = $"record tickets in {_store.Path}: {ex.Message} (will retry next cycle)";
        }

        report = report with { Tickets = outcome, StoreError = storeError, Elapsed = _time.GetElapsedTime(started) };
        _heartbeat.Cycle(report, _engine.EnabledCount);
        _heap.BetweenCycles();
        return report;
    }

    private async Task<string> NextTriggerAsync(ChannelReader<string> reader, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (reader.TryRead(out var early))
        {
            return early;
        }

        if (wait <= TimeSpan.Zero)
        {
            return "tick";
        }

        using var deadline = new CancellationTokenSource(wait, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await reader.ReadAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "tick";
        }
    }
}
