using Operator.Core;
using Operator.Core.Time;

namespace Operator.Workload;

/// <summary>
/// The load phase: writes every record of the key space once, with several writers at once spread over the
/// endpoints, so the measured reads find data. A write that fails moves to the next endpoint and is retried (with
/// a pause after each full round of failures), so an election or a dead member only slows the phase down; it
/// gives up when no write at all has succeeded for the patience time.
/// </summary>
internal sealed class RecordLoader
{
    private readonly IKvTarget _target;
    private readonly KeySpace _keys;
    private readonly string _value;
    private readonly int _writers;
    private readonly TimeProvider _time;
    private readonly TimeSpan _backoff;
    private readonly TimeSpan _patience;
    private long _nextRecord = -1;
    private long _lastProgress;

    public RecordLoader(IKvTarget target, KeySpace keys, string value, int writers, TimeProvider time, TimeSpan backoff, TimeSpan patience)
    {
        _target = target;
        _keys = keys;
        _value = value;
        _writers = Math.Clamp(writers, 1, keys.Records);
        _time = time;
        _backoff = backoff;
        _patience = patience;
    }

    /// <summary>Writes all records; returns how long it took.</summary>
    public async Task<TimeSpan> LoadAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        Volatile.Write(ref _lastProgress, started);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writers = Enumerable.Range(0, _writers).Select(w => Task.Run(() => WriteAsync(w, failed), CancellationToken.None)).ToArray();
        try
        {
            await Task.WhenAll(writers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Another writer gave up; its error is the one to report.
        }

        var error = writers.Where(w => w.IsFaulted).Select(w => w.Exception!.GetBaseException()).OfType<OperatorException>().FirstOrDefault();
        if (error is not null)
        {
            throw error;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return _time.GetElapsedTime(started);
    }

    private async Task WriteAsync(int writer, CancellationTokenSource failed)
    {
        var endpoint = writer % _target.Endpoints.Count;
        long record;
        while ((record = Interlocked.Increment(ref _nextRecord)) < _keys.Records)
        {
            var key = _keys.Key(record);
            var failures = 0;
            while (true)
            {
                var result = await _target.UpdateAsync(endpoint, key, _value, failed.Token).ConfigureAwait(false);
                if (result.Ok)
                {
                    Volatile.Write(ref _lastProgress, _time.GetTimestamp());
                    break;
                }

                var endpoints = _target.Endpoints.Count;
                endpoint = (endpoint + 1) % endpoints;
                if (++failures % endpoints != 0)
                {
                    continue;
                }

                if (_time.GetElapsedTime(Volatile.Read(ref _lastProgress)) >= _patience)
                {
                    await failed.CancelAsync().ConfigureAwait(false);
                    throw new OperatorException(
                        $"load phase: no write succeeded for {DurationText.Format(_patience)}; writing {key} failed on all {endpoints} endpoints, last: {result.Error}");
                }

                await Task.Delay(_backoff, _time, failed.Token).ConfigureAwait(false);
            }
        }
    }
}
