using Operator.Etcd;
using Operator.Etcd.Client;

namespace Operator.Cli.Demo;

/// <summary>A small put/get loop against every member in turn (failing over on errors), counting ops and errors.</summary>
internal sealed class SimpleLoad
{
    private readonly EtcdClient _client;
    private readonly IEtcdEndpointSource _endpoints;
    private long _ops;
    private long _errors;

    public SimpleLoad(EtcdClient client, IEtcdEndpointSource endpoints)
    {
        _client = client;
        _endpoints = endpoints;
    }

    public long Ops => Interlocked.Read(ref _ops);

    public long Errors => Interlocked.Read(ref _errors);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var i = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var members = _endpoints.Current();
            var url = members[i % members.Count].ClientUrl;
            var key = $"/demo/key{i % 100}";
            try
            {
                var put = await _client.PutAsync(url, key, $"v{i}", TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                var get = put.Ok ? await _client.RangeAsync(url, key, TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false) : null;
                if (put.Ok && get is { Ok: true })
                {
                    Interlocked.Add(ref _ops, 2);
                }
                else
                {
                    Interlocked.Increment(ref _errors);
                    i++; // fail over to the next member
                    await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            i++;
        }
    }
}
