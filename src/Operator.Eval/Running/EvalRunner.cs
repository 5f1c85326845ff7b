using System.Globalization;
using Operator.Core;
using Operator.Core.Diagnosis;
using Operator.Core.Faults;
using Operator.Core.Tickets;
using Operator.Core.Time;
using Operator.Eval.Runs;
using Operator.Eval.Scoring;

namespace Operator.Eval.Running;

/// <summary>
/// Runs every fault × trial of an evaluation: reset to a healthy cluster with no unresolved ticket (asserted), record
/// the ground truth, inject, wait for the first ticket and its diagnosis, revert, wait until the cluster is healthy and
/// every ticket of the trial resolved, then store the trial. Trials already stored are skipped, so a run resumes where
/// it stopped; on cancellation the current fault is reverted before the run returns.
/// </summary>
public sealed class EvalRunner
{
    private readonly FaultInjector _injector;
    private readonly IEvalEnvironment _environment;
    private readonly TicketStore _tickets;
    private readonly EvalRunStore _store;
    private readonly EvalRunOptions _options;
    private readonly TimeProvider _time;
    private readonly Action<string> _progress;

    public EvalRunner(
        FaultInjector injector,
        IEvalEnvironment environment,
        TicketStore tickets,
        EvalRunStore store,
        EvalRunOptions? options = null,
        TimeProvider? time = null,
        Action<string>? progress = null)
    {
        _injector = injector ?? throw new ArgumentNullException(nameof(injector));
        _environment = environment ?? throw new ArgumentNullException(nameof(environment));
        _tickets = tickets ?? throw new ArgumentNullException(nameof(tickets));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options ?? new EvalRunOptions();
        _time = time ?? TimeProvider.System;
        _progress = progress ?? (_ => { });
    }

    /// <summary>Runs the trials <paramref name="info"/> asks for that are not stored yet; returns the run's final info.</summary>
    public async Task<EvalRunInfo> RunAsync(EvalRunInfo info, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(info);
        var faults = info.Faults.Select(_injector.Catalogue.Find).ToList();
        await _store.SaveInfoAsync(info with { Status = "running", FinishedAt = null }, cancellationToken).ConfigureAwait(false);
        var done = (await _store.TrialsAsync(cancellationToken).ConfigureAwait(false))
            .Select(t => (t.Record.Truth.Fault, t.Record.Trial))
            .ToHashSet();

        try
        {
            foreach (var fault in faults)
            {
                for (var trial = 1; trial <= info.Trials; trial++)
                {
                    if (done.Contains((fault.Name, trial)))
                    {
                        continue;
                    }

                    var stored = await RunTrialAsync(fault, trial, info.Trials, cancellationToken).ConfigureAwait(false);
                    await _store.SaveTrialAsync(stored, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _store.SaveInfoAsync(info with { Status = "interrupted", FinishedAt = null }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var finished = info with { Status = "finished", FinishedAt = _time.GetUtcNow() };
        await _store.SaveInfoAsync(finished, CancellationToken.None).ConfigureAwait(false);
        return finished;
    }

    private async Task<StoredTrial> RunTrialAsync(IFault fault, int trial, int trials, CancellationToken cancellationToken)
    {
        var label = $"[{fault.Name} {trial}/{trials}]";
        await _environment.EnsureDaemonsAsync(cancellationToken).ConfigureAwait(false);
        var unclean = await ResetAsync(cancellationToken).ConfigureAwait(false);
        if (unclean is not null)
        {
            _progress($"{label} contaminated before injection: {unclean}");
            var truth = new GroundTruth(fault.Name, null, fault.Cause, fault.Invariant);
            return new StoredTrial(new TrialRecord(truth, trial, _time.GetUtcNow(), null, null, null, 0, true), "not clean before injection: " + unclean, []);
        }

        var baseline = await _tickets.LastIdAsync(cancellationToken).ConfigureAwait(false);
        ActiveFault? entry = null;
        try
        {
            entry = await _injector.InjectAsync(fault.Name, null, null, cancellationToken).ConfigureAwait(false);
            var injectedAt = Timestamps.Parse(entry.InjectedAt!);
            var truthNow = new GroundTruth(fault.Name, entry.Plan.Node, fault.Cause, fault.Invariant);
            _progress($"{label} injected {FaultInjector.Describe(entry)} at {Timestamps.TimeOfDay(injectedAt)}");

            var first = await WaitForAsync(
                async ct => (await TrialTicketsAsync(baseline, ct).ConfigureAwait(false)).FirstOrDefault(),
                _options.DetectTimeout,
                cancellationToken).ConfigureAwait(false);
            TrialDiagnosis? diagnosis = null;
            if (first is null)
            {
                _progress($"{label} no ticket within {Seconds(_options.DetectTimeout)}");
            }
            else
            {
                _progress($"{label} ticket #{first.Id} {first.Invariant}{(first.Node is null ? string.Empty : " on " + first.Node)} after {Millis(first.FirstSeenAt - injectedAt)}");
                diagnosis = await WaitForAsync(
                    async ct => Diagnosed(await _tickets.GetAsync(first.Id, ct).ConfigureAwait(false)),
                    _options.DiagnoseTimeout,
                    cancellationToken).ConfigureAwait(false);
                _progress(diagnosis is null
                    ? $"{label} no diagnosis within {Seconds(_options.DiagnoseTimeout)}"
                    : $"{label} diagnosed {diagnosis.Cause}{(diagnosis.Node is null ? string.Empty : " on " + diagnosis.Node)} (confidence {diagnosis.Confidence.ToString("0.00", CultureInfo.InvariantCulture)}) after {Millis(diagnosis.At - first.FirstSeenAt)}");
            }

            await _injector.RevertAsync(entry, cancellationToken).ConfigureAwait(false);
            entry = null;
            var recoveredAt = await WaitForAsync(
                async ct => await _environment.HealthProblemAsync(ct).ConfigureAwait(false) is null
                    && (await TrialTicketsAsync(baseline, ct).ConfigureAwait(false)).All(t => t.IsResolved)
                    ? (DateTimeOffset?)_time.GetUtcNow()
                    : null,
                _options.RecoverTimeout,
                cancellationToken).ConfigureAwait(false);

            var tickets = await TrialTicketsAsync(baseline, cancellationToken).ConfigureAwait(false);
            string? note = null;
            if (recoveredAt is null)
            {
                var problem = await _environment.HealthProblemAsync(cancellationToken).ConfigureAwait(false);
                var open = tickets.Where(t => !t.IsResolved).Select(t => $"#{t.Id} {t.Key}").ToList();
                note = $"not recovered within {Seconds(_options.RecoverTimeout)} of the revert: "
                    + (problem ?? (open.Count > 0 ? "unresolved " + string.Join(", ", open) : "unknown"));
                _progress($"{label} contaminated: {note}");
            }
            else
            {
                _progress($"{label} recovered {Millis(recoveredAt.Value - injectedAt)} after the injection; {tickets.Count} ticket(s)");
            }

            var record = new TrialRecord(
                truthNow,
                trial,
                injectedAt,
                first is null ? null : new TrialTicket(first.Id, first.Invariant, first.Node, first.FirstSeenAt),
                diagnosis,
                recoveredAt,
                tickets.Count,
                recoveredAt is null);
            return new StoredTrial(record, note, tickets.Select(Row).ToList());
        }
        finally
        {
            if (entry is not null)
            {
                // Cancelled or failed mid-trial: the fault must not outlive us.
                await RevertQuietlyAsync(entry).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Null once the cluster is healthy and no ticket is unresolved for <see cref="EvalRunOptions.Settle"/>; else what stayed wrong.</summary>
    private async Task<string?> ResetAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        foreach (var (fault, error) in await _injector.RevertAllAsync(cancellationToken).ConfigureAwait(false))
        {
            _progress(error is null ? $"reverted a leftover {FaultInjector.Describe(fault)}" : $"could not revert a leftover {FaultInjector.Describe(fault)}: {error}");
        }

        string? problem = null;
        long? cleanSince = null;
        while (_time.GetElapsedTime(started) < _options.CleanTimeout)
        {
            problem = await _environment.ResetAsync(cancellationToken).ConfigureAwait(false);
            if (problem is null)
            {
                var open = await _tickets.ListAsync(TicketFilter.Unresolved, cancellationToken).ConfigureAwait(false);
                problem = open.Count == 0 ? null : "unresolved " + string.Join(", ", open.Select(t => $"#{t.Id} {t.Key}"));
            }

            if (problem is null)
            {
                cleanSince ??= _time.GetTimestamp();
                if (_time.GetElapsedTime(cleanSince.Value) >= _options.Settle)
                {
                    return null;
                }
            }
            else
            {
                cleanSince = null;
            }

            await Task.Delay(_options.Poll * 4, _time, cancellationToken).ConfigureAwait(false);
        }

        return problem ?? "did not stay clean";
    }

    private async Task<IReadOnlyList<Ticket>> TrialTicketsAsync(long baseline, CancellationToken cancellationToken) =>
        (await _tickets.ListRecentAsync(baseline, cancellationToken).ConfigureAwait(false)).Where(t => t.Id > baseline).ToList();

    private async Task<T?> WaitForAsync<T>(Func<CancellationToken, Task<T?>> probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            try
            {
                if (await probe(cancellationToken).ConfigureAwait(false) is { } found)
                {
                    return found;
                }
            }
            catch (OperatorException e) when (_time.GetElapsedTime(started) < timeout)
            {
                _progress("retrying: " + e.Message); // a busy database or a member mid-restart; look again
            }

            if (_time.GetElapsedTime(started) >= timeout)
            {
                return default;
            }

            await Task.Delay(_options.Poll, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TrialDiagnosis? Diagnosed(Ticket ticket) =>
        DiagnosisJson.TryDeserialize(ticket.Diagnosis) is { } d ? new TrialDiagnosis(d.Cause, d.Node, d.ConfidenceScore, d.CreatedAt) : null;

    private static TrialTicketRow Row(Ticket t) => new(t.Id, t.Invariant, t.Target, t.Node, t.FirstSeenAt, t.ResolvedAt, t.Diagnosis);

    private async Task RevertQuietlyAsync(ActiveFault entry)
    {
        try
        {
            await _injector.RevertAsync(entry, CancellationToken.None).ConfigureAwait(false);
            _progress($"reverted {FaultInjector.Describe(entry)}");
        }
        catch (OperatorException e)
        {
            _progress($"could not revert {FaultInjector.Describe(entry)}: {e.Message} (it stays recorded; `operator chaos revert --all` retries it)");
        }
    }

    private static string Millis(TimeSpan span) => DurationText.Format(span < TimeSpan.Zero ? TimeSpan.Zero : span);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";
}
