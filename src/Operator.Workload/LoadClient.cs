namespace Operator.Workload;

/// <summary>
/// One simulated client: draws an operation and a key, runs it through its current endpoint, records the outcome,
/// and on an error fails over to the next endpoint. After a whole round of endpoints has failed in a row it pauses
/// briefly, so a cluster that refuses every connection is not hammered in a tight loop. Closed-loop (next operation
/// as soon as the last one ends) unless it has a <see cref="ClientPacing"/>.
/// </summary>
internal sealed class LoadClient
{
    private readonly IKvTarget _target;
    private readonly WorkloadSpec _workload;
    private readonly KeyChooser _keys;
    private readonly string _value;
    private readonly LoadStats _stats;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly ClientPacing? _pacing;
    private readonly TimeSpan _errorBackoff;

    public LoadClient(
        int firstEndpoint,
        IKvTarget target,
        WorkloadSpec workload,
        KeyChooser keys,
        string value,
        LoadStats stats,
        TimeProvider time,
        Random random,
        ClientPacing? pacing,
        TimeSpan errorBackoff)
    {
        _target = target;
        _workload = workload;
        _keys = keys;
        _value = value;
        _stats = stats;
        _time = time;
        _random = random;
        _pacing = pacing;
        _errorBackoff = errorBackoff;
        Endpoint = firstEndpoint % target.Endpoints.Count;
    }

    /// <summary>The endpoint the next operation goes to.</summary>
    public int Endpoint { get; private set; }

    /// <summary>Runs operations until <paramref name="stopAt"/> (a timestamp) or cancellation; in-flight operations cut short by cancellation are not counted.</summary>
    public async Task RunAsync(long stopAt, CancellationToken cancellationToken)
    {
        var failuresInARow = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                long start;
                if (_pacing is not null)
                {
                    var due = _pacing.NextDue();
                    if (due >= stopAt)
                    {
                        return;
                    }

                    if (due > _time.GetTimestamp())
                    {
                        // On schedule: wait, and measure from when the operation really goes out, so the timer's
                        // own lateness (up to a millisecond or two) is not charged to the server.
                        await Clock.DelayUntilAsync(_time, due, cancellationToken).ConfigureAwait(false);
                        start = _time.GetTimestamp();
                    }
                    else
                    {
                        // Behind schedule because earlier operations were slow: charge this one from when it was due.
                        start = due;
                    }
                }
                else
                {
                    start = _time.GetTimestamp();
                    if (start >= stopAt)
                    {
                        return;
                    }
                }

                var kind = _workload.Choose(_random);
                var key = _keys.NextKey(_random);
                var result = kind == OperationKind.Read
                    ? await _target.ReadAsync(Endpoint, key, cancellationToken).ConfigureAwait(false)
                    : await _target.UpdateAsync(Endpoint, key, _value, cancellationToken).ConfigureAwait(false);
                var end = _time.GetTimestamp();

                if (result.Ok)
                {
                    _stats.RecordSuccess(kind, end - start);
                    failuresInARow = 0;
                    continue;
                }

                _stats.RecordError(result.Error!);
                var endpoints = _target.Endpoints.Count;
                Endpoint = (Endpoint + 1) % endpoints;
                if (++failuresInARow % endpoints == 0)
                {
                    await Task.Delay(_errorBackoff, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the operation in flight is neither a success nor an error.
        }
    }
}
