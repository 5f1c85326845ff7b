using System.Diagnostics;
using Operator.Core.Diagnosis;
using Operator.Core.Tickets;
using Operator.Core.Time;

namespace Operator.Core.Agent;

/// <summary>
/// The agent daemon's loop: claim the oldest open ticket, gather its context, ask the engine, store the diagnosis,
/// print one summary line. Keeps going through engine and database hiccups (the claim is released so the ticket is
/// retried); stops cleanly on cancellation.
/// </summary>
public sealed class AgentLoop
{
    private const int SimilarLimit = 3;
    private readonly string _subject;
    private readonly TicketStore _store;
    private readonly IContextGatherer _gatherer;
    private readonly IDiagnosisEngine _engine;
    private readonly TimeProvider _time;
    private readonly TextWriter _out;
    private readonly AgentOptions _options;

    public AgentLoop(string subject, TicketStore store, IContextGatherer gatherer, IDiagnosisEngine engine, TimeProvider time, TextWriter output, AgentOptions options)
    {
        _subject = subject;
        _store = store;
        _gatherer = gatherer;
        _engine = engine;
        _time = time;
        _out = output;
        _options = options;
    }

    /// <summary>Runs until cancelled; returns normally on cancellation.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Line($"agent started: subject {_subject}, engine {_engine.Name}, interval {DurationText.Format(_options.Interval)}");
        var diagnosed = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Nothing to do, or a failure (the released ticket would be claimed again at once): wait a tick.
                var worked = await StepAsync(cancellationToken).ConfigureAwait(false);
                if (worked == true)
                {
                    diagnosed++;
                }
                else
                {
                    await Task.Delay(_options.Interval, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        Line($"agent stopped after {diagnosed} diagnoses");
    }

    /// <summary>Diagnoses every ticket that is open now, then returns how many were diagnosed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var diagnosed = 0;
        var attempts = 0;
        while (await StepAsync(cancellationToken).ConfigureAwait(false) is { } ok && ++attempts < 1000)
        {
            diagnosed += ok ? 1 : 0;
            if (!ok)
            {
                break; // a failing ticket would be claimed again at once; leave it for the daemon
            }
        }

        return diagnosed;
    }

    /// <summary>Diagnoses one given ticket now (whatever its status) and stores the result.</summary>
    public async Task<Diagnosis.Diagnosis> DiagnoseAsync(Ticket ticket, CancellationToken cancellationToken)
    {
        var similar = await _store.SimilarAsync(ticket, SimilarLimit, cancellationToken).ConfigureAwait(false);
        var context = await _gatherer.GatherAsync(ticket, similar, cancellationToken).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        var diagnosis = await _engine.DiagnoseAsync(context, cancellationToken).ConfigureAwait(false);
        if (diagnosis.LatencyMs <= 0)
        {
            diagnosis = diagnosis with { LatencyMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds };
        }

        await _store.SetDiagnosisAsync(ticket.Id, DiagnosisJson.Serialize(diagnosis), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return diagnosis;
    }

    /// <summary>Null: nothing to do. True: diagnosed one. False: one failed (and was released).</summary>
    private async Task<bool?> StepAsync(CancellationToken cancellationToken)
    {
        Ticket? ticket;
        try
        {
            ticket = await _store.ClaimNextAsync(_subject, _options.AgentId, _options.Lease, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Line($"WARNING  claim a ticket in {_store.Path}: {ex.Message} (will retry)");
            return null;
        }

        if (ticket is null)
        {
            return null;
        }

        try
        {
            var d = await DiagnoseAsync(ticket, cancellationToken).ConfigureAwait(false);
            Line(Summary(ticket, d));
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var reason = $"diagnose ticket #{ticket.Id}: {ex.Message}";
            Line($"WARNING  {reason} (released for a retry)");
            try
            {
                await _store.ReleaseClaimAsync(ticket.Id, _options.AgentId, reason, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception releaseError) when (releaseError is not OperationCanceledException)
            {
                Line($"WARNING  release ticket #{ticket.Id}: {releaseError.Message} (its claim expires after {DurationText.Format(_options.Lease)})");
            }

            return false;
        }
    }

    /// <summary>One line per diagnosis: ticket, node, cause, confidence, engine, latency, and the primary diagnosis.</summary>
    public static string Summary(Ticket ticket, Diagnosis.Diagnosis d) =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"DIAGNOSED #{ticket.Id} {ticket.Key} → {d.Cause}{(d.Node is null ? string.Empty : $" on {d.Node}")} ({d.Confidence} {d.ConfidenceScore:0.00}) by {d.Engine}{(d.Model is null ? string.Empty : $"/{d.Model}")} in {d.LatencyMs:0} ms: {d.PrimaryDiagnosis}");

    private void Line(string text)
    {
        _out.WriteLine($"{Timestamps.TimeOfDay(_time.GetUtcNow())} {text}");
        _out.Flush();
    }
}
