using Operator.Etcd.Client;

namespace Operator.Etcd.Observing;

/// <summary>
/// One long-lived watch stream per member. etcd closes nothing gracefully when it is SIGKILLed, but the
/// kernel does: the stream ends at once, long before the next monitor tick would notice.
/// </summary>
internal sealed class EtcdWatcher(IEtcdEndpointSource endpoints, EtcdClient client, TimeProvider time, EtcdSubjectOptions options)
{
    public async Task RunAsync(Action<string> changed, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = new Dictionary<string, Task>(StringComparer.Ordinal);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var endpoint in endpoints.Current())
                {
                    if (loops.TryGetValue(endpoint.Name, out var loop))
                    {
                        if (!loop.IsCompleted)
                        {
                            continue;
                        }

                        await loop.ConfigureAwait(false); // surfaces a fault, e.g. from the callback
                    }

                    loops[endpoint.Name] = WatchMemberAsync(endpoint.Name, changed, stop.Token);
                }

                await Task.Delay(options.EndpointRescanInterval, time, stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal shutdown.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var loop in loops.Values)
            {
                try
                {
                    await loop.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopped with the rest.
                }
            }
        }
    }

    private async Task WatchMemberAsync(string name, Action<string> changed, CancellationToken cancellationToken)
    {
        var backoff = options.WatchBackoffInitial;
        var dropped = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // Re-read every attempt: a restarted member may have a new pid or address.
            var endpoint = endpoints.Current().FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
            if (endpoint is null)
            {
                return; // removed from the deployment; the rescan starts a new loop if it comes back
            }

            var opened = await client.WatchAsync(endpoint.ClientUrl, options.WatchKey, options.WatchOpenTimeout, cancellationToken).ConfigureAwait(false);
            if (!opened.Ok)
            {
                // Silent while the member stays unreachable: only an established stream's drop is news.
                await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.WatchBackoffMax.Ticks));
                continue;
            }

            backoff = options.WatchBackoffInitial;
            using (var stream = opened.Value)
            {
                if (dropped)
                {
                    changed($"watch stream to {name} re-established");
                    dropped = false;
                }

                var reason = await ReadUntilDroppedAsync(stream, cancellationToken).ConfigureAwait(false);
                changed($"watch stream to {name} dropped: {reason}");
                dropped = true;
            }

            await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<string> ReadUntilDroppedAsync(EtcdWatchStream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await stream.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (!message.Ok)
            {
                return message.Failure.Detail;
            }

            if (message.Value.Canceled)
            {
                return $"etcd canceled the watch ({message.Value.CancelReason})";
            }
        }
    }
}
