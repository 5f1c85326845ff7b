using System.Text;
using Operator.FakeTikv.Http;

namespace Operator.FakeTikv.Pd;

/// <summary>
/// <c>/pd/api/v1</c> as one PD member serves it: injected faults first; <c>/health</c>, <c>/ping</c>,
/// <c>/status</c>, <c>/version</c> answered locally; everything else proxied to the leader (which, here, means
/// answered from the shared state) or 503 plain text when there is no leader; cluster-scoped paths refused before
/// bootstrap. Read-only: other methods get 405.
/// </summary>
internal sealed class PdApi : IHttpEndpoint
{
    private const string Prefix = "/pd/api/v1";

    private static readonly string[] ClusterScoped = ["/stores", "/store/", "/regions", "/region/", "/stats/region", "/operators", "/schedulers", "/hotspot/"];

    private readonly string _member;
    private readonly FakeClusterState _state;
    private readonly PdLocalEndpoints _local;
    private readonly PdMemberEndpoints _members;
    private readonly PdStoreEndpoints _stores;
    private readonly PdRegionEndpoints _regions;
    private readonly PdClusterEndpoints _cluster;

    public PdApi(string member, FakeClusterState state)
    {
        _member = member;
        _state = state;
        _local = new PdLocalEndpoints(member, state);
        _members = new PdMemberEndpoints(state);
        _stores = new PdStoreEndpoints(state);
        _regions = new PdRegionEndpoints(state);
        _cluster = new PdClusterEndpoints(state);
    }

    public ValueTask<HttpReply> HandleAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var fault = _state.Faults.For(_member, request.Path);
        HttpReply reply = fault switch
        {
            PdFault.Hang => HttpReply.Hang,
            PdFault.Drop => HttpReply.Drop,
            PdFault.Html => HttpReply.Text(200, HtmlPage, "text/html; charset=utf-8"),
            PdFault.ServerError => PdErrors.JsonString(500, "[PD:etcd:ErrEtcdKVGet]context deadline exceeded"),
            _ => Route(request),
        };
        return ValueTask.FromResult(fault == PdFault.TruncatedJson ? Truncate(reply) : reply);
    }

    private const string HtmlPage =
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n";

    private HttpReply Route(HttpRequest request)
    {
        if (!request.Path.StartsWith(Prefix + "/", StringComparison.Ordinal))
        {
            return PdErrors.NotFound();
        }

        if (request.Method != "GET")
        {
            return PdErrors.MethodNotAllowed();
        }

        var route = request.Path[Prefix.Length..];
        if (_local.TryHandle(route) is { } local)
        {
            return local;
        }

        if (_state.Membership.Leader is null)
        {
            return PdErrors.NoLeader();
        }

        if (!_state.Bootstrapped && ClusterScoped.Any(p => route.StartsWith(p, StringComparison.Ordinal)))
        {
            return PdErrors.JsonString(500, PdErrors.NotBootstrapped);
        }

        return _members.TryHandle(route)
            ?? _stores.TryHandle(route, request)
            ?? _regions.TryHandle(route, request)
            ?? _cluster.TryHandle(route, request)
            ?? PdErrors.NotFound();
    }

    private static HttpReply Truncate(HttpReply reply) => reply switch
    {
        FixedReply f => new FixedReply(f.Status, f.ContentType, f.Body[..(f.Body.Length / 2)], f.Headers),
        StreamedReply s => s.Truncated(4096),
        _ => reply,
    };
}
