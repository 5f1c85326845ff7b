namespace Operator.FakeTikv.Http;

/// <summary>The application behind one <see cref="LoopbackHttpServer"/>: a PD member, a TiKV status server, Prometheus.</summary>
public interface IHttpEndpoint
{
    ValueTask<HttpReply> HandleAsync(HttpRequest request, CancellationToken cancellationToken);
}
