using Operator.Core;
using Operator.Core.Time;

namespace Operator.Workload;

/// <summary>
/// Runs a workload against a target: checks that some endpoint answers, loads the records, then runs the clients
/// (client i starting on endpoint i mod the endpoint count) and reports one <see cref="LoadInterval"/> per
/// interval — also when every operation fails — and a <see cref="LoadSummary"/> at the end of the duration or on
/// cancellation. Member failures never stop a run; they show up as errors and failover.
/// </summary>
public sealed class LoadGenerator
{
    private readonly IKvTarget _target;
    private readonly LoadOptions _options;
    private readonly ILoadOutput _output;
    private readonly TimeProvider _time;

    public LoadGenerator(IKvTarget target, LoadOptions options, ILoadOutput output, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Clients, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Duration, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Interval, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.ValueSize);
        if (options.TargetRate is { } rate && !(rate > 0 && double.IsFinite(rate)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), rate, "the target rate must be a positive number of ops/s");
        }

        if (target.Endpoints.Count == 0)
        {
            throw new ArgumentException("the target has no endpoints", nameof(target));
        }

        _target = target;
        _options = options;
        _output = output;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// The whole run. Cancellation before measuring begins throws; cancellation while measuring ends the run
    /// normally with a summary (that is how an unbounded run stops).
    /// </summary>
    public async Task<LoadSummary> RunAsync(CancellationToken cancellationToken)
    {
        var keys = new KeyChooser(new KeySpace(_options.Records, _options.KeyPrefix));
        var seeds = _options.Seed is { } seed ? new Random(seed) : new Random();
        await EnsureSomeEndpointAnswersAsync(keys.Keys, cancellationToken).ConfigureAwait(false);

        var loadValue = Value(_options.ValueSize, seeds);
        var loadTime = await new RecordLoader(_target, keys.Keys, loadValue, _options.Clients, _time, _options.ErrorBackoff, _options.StartPatience)
            .LoadAsync(cancellationToken).ConfigureAwait(false);

        var stats = new LoadStats(_time.TimestampFrequency);
        var start = _time.GetTimestamp();
        _output.Write(new LoadStarted(
            _time.GetUtcNow(),
            _options.Workload.Name,
            _options.Clients,
            _options.Records,
            _options.TargetRate,
            [.. _target.Endpoints],
            _options.ValueSize,
            _options.Duration > TimeSpan.Zero ? _options.Duration.TotalSeconds : null,
            Math.Round(loadTime.TotalSeconds, 3)));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clients = new Task[_options.Clients];
        for (var i = 0; i < clients.Length; i++)
        {
            var client = new LoadClient(
                i,
                _target,
                _options.Workload,
                keys,
                Value(_options.ValueSize, seeds),
                stats,
                _time,
                new Random(seeds.Next()),
                _options.TargetRate is { } rate ? ClientPacing.For(i, clients.Length, rate, start, _time.TimestampFrequency) : null,
                _options.ErrorBackoff);
            clients[i] = Task.Run(() => client.RunAsync(long.MaxValue, stop.Token), CancellationToken.None);
        }

        try
        {
            return await ReportAsync(stats, start, clients, stop, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Also when writing a line failed (the reader of a pipe went away): no client outlives the run.
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary><paramref name="size"/> random letters and digits.</summary>
    internal static string Value(int size, Random random)
    {
        const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return string.Create(size, random, (chars, r) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[r.Next(Alphabet.Length)];
            }
        });
    }

    private async Task<LoadSummary> ReportAsync(LoadStats stats, long start, Task[] clients, CancellationTokenSource stop, CancellationToken cancellationToken)
    {
        var intervalTicks = Clock.Ticks(_time, _options.Interval);
        var end = _options.Duration > TimeSpan.Zero ? start + Clock.Ticks(_time, _options.Duration) : long.MaxValue;
        var total = LoadStats.NewHistogram();
        var merged = LoadStats.NewHistogram();
        long reads = 0, updates = 0, errors = 0;
        string? lastError = null;
        var previous = start;
        for (var second = 1; ; second++)
        {
            var due = Math.Min(start + (second * intervalTicks), end);
            var finished = due >= end;
            try
            {
                await Clock.DelayUntilAsync(_time, due, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                finished = true;
            }

            if (finished)
            {
                // Stop the clients before the last tally so nothing they completed is left out of it.
                await stop.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(clients).ConfigureAwait(false);
            }

            var now = _time.GetTimestamp();
            var tally = stats.TakeInterval();
            var seconds = (now - previous) / (double)_time.TimestampFrequency;
            previous = now;
            merged.Reset();
            merged.Add(tally.Reads);
            merged.Add(tally.Updates);
            total.Add(merged);
            reads += tally.Reads.TotalCount;
            updates += tally.Updates.TotalCount;
            errors += tally.Errors;
            lastError = tally.LastError ?? lastError;
            _output.Write(new LoadInterval(
                _time.GetUtcNow(),
                second,
                tally.Ops,
                PerSecond(tally.Ops, seconds),
                tally.Reads.TotalCount,
                tally.Updates.TotalCount,
                tally.Errors,
                LatencyFigures.FromMicroseconds(merged),
                tally.LastError,
                Math.Round(seconds, 3)));

            if (finished)
            {
                var duration = (now - start) / (double)_time.TimestampFrequency;
                var summary = new LoadSummary(
                    _time.GetUtcNow(),
                    Math.Round(duration, 3),
                    reads + updates,
                    PerSecond(reads + updates, duration),
                    reads,
                    updates,
                    errors,
                    LatencyFigures.FromMicroseconds(total),
                    lastError);
                _output.Write(summary);
                return summary;
            }
        }
    }

    private static double PerSecond(long count, double seconds) => seconds > 0 ? Math.Round(count / seconds, 1) : 0;

    /// <summary>
    /// Waits until some endpoint serves a read. Fails at once when no endpoint can be reached at all; retries while
    /// some answer but cannot serve (no leader yet), for up to <see cref="LoadOptions.StartPatience"/>.
    /// </summary>
    private async Task EnsureSomeEndpointAnswersAsync(KeySpace keys, CancellationToken cancellationToken)
    {
        var key = keys.Key(0);
        var started = _time.GetTimestamp();
        while (true)
        {
            var probes = _target.Endpoints.Select((_, i) => _target.ReadAsync(i, key, cancellationToken).AsTask()).ToArray();
            var results = await Task.WhenAll(probes).ConfigureAwait(false);
            if (results.Any(r => r.Ok))
            {
                return;
            }

            var errors = string.Join("; ", results.Select(r => r.Error));
            if (!results.Any(r => r.Reached))
            {
                throw new OperatorException($"no endpoint could be reached ({errors}); is the cluster running?");
            }

            if (_time.GetElapsedTime(started) >= _options.StartPatience)
            {
                throw new OperatorException(
                    $"no endpoint served a read within {DurationText.Format(_options.StartPatience)} ({errors}); does the cluster have a quorum?");
            }

            await Task.Delay(_options.ErrorBackoff, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
