using Operator.Etcd.Client;
using Operator.Workload;

namespace Operator.Etcd.Workload;

/// <summary>
/// etcd as a workload target: reads are linearizable single-key ranges, updates are puts, both through the HTTP
/// JSON gateway of the chosen member. Endpoint URLs come from an <see cref="IEtcdEndpointSource"/> re-read at most
/// once a second (a member restarted by chaos keeps its URL; a re-created cluster gets new ones).
/// </summary>
public sealed class EtcdKvTarget : IKvTarget
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly EtcdClient _client;
    private readonly IEtcdEndpointSource _source;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly Lock _refreshGate = new();
    private Uri[] _urls;
    private string[] _display;
    private long _refreshedAt;

    public EtcdKvTarget(EtcdClient client, IEtcdEndpointSource source, TimeSpan operationTimeout, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(source);
        _client = client;
        _source = source;
        _timeout = operationTimeout;
        _time = time ?? TimeProvider.System;
        var endpoints = source.Current();
        if (endpoints.Count == 0)
        {
            throw new ArgumentException("the endpoint source has no endpoints", nameof(source));
        }

        (_urls, _display) = Snapshot(endpoints);
        _refreshedAt = _time.GetTimestamp();
    }

    public IReadOnlyList<string> Endpoints => Volatile.Read(ref _display);

    public async ValueTask<KvResult> ReadAsync(int endpoint, string key, CancellationToken cancellationToken)
    {
        var result = await _client.RangeAsync(Url(endpoint), key, _timeout, cancellationToken).ConfigureAwait(false);
        return result.Ok ? KvResult.Success : Failed(result.Failure);
    }

    public async ValueTask<KvResult> UpdateAsync(int endpoint, string key, string value, CancellationToken cancellationToken)
    {
        var result = await _client.PutAsync(Url(endpoint), key, value, _timeout, cancellationToken).ConfigureAwait(false);
        return result.Ok ? KvResult.Success : Failed(result.Failure);
    }

    // Refused and broken connections mean the member is not there; an HTTP error, a garbled answer or a timeout
    // after connecting mean it is up but cannot serve now (no leader yet, overloaded, stopped).
    private static KvResult Failed(EtcdFailure failure) =>
        KvResult.Failed(failure.Message, reached: failure.Kind is EtcdFailureKind.HttpError or EtcdFailureKind.Garbage or EtcdFailureKind.Timeout);

    private Uri Url(int endpoint)
    {
        if (_time.GetElapsedTime(Volatile.Read(ref _refreshedAt)) >= RefreshInterval)
        {
            Refresh();
        }

        var urls = Volatile.Read(ref _urls);
        return urls[(int)((uint)endpoint % (uint)urls.Length)];
    }

    private void Refresh()
    {
        // One client refreshes; the others keep using the current snapshot meanwhile.
        if (!_refreshGate.TryEnter())
        {
            return;
        }

        try
        {
            if (_time.GetElapsedTime(_refreshedAt) < RefreshInterval)
            {
                return;
            }

            var endpoints = _source.Current();
            if (endpoints.Count > 0)
            {
                var (urls, display) = Snapshot(endpoints);
                Volatile.Write(ref _urls, urls);
                Volatile.Write(ref _display, display);
            }

            Volatile.Write(ref _refreshedAt, _time.GetTimestamp());
        }
        finally
        {
            _refreshGate.Exit();
        }
    }

    private static (Uri[] Urls, string[] Display) Snapshot(IReadOnlyList<EtcdEndpoint> endpoints) =>
        ([.. endpoints.Select(e => e.ClientUrl)], [.. endpoints.Select(e => EtcdClient.Display(e.ClientUrl))]);
}
