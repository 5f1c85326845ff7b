namespace Operator.Etcd;

/// <summary>Where one etcd member can be reached, and its pid when Operator started it locally.</summary>
/// <param name="Name">Member name (<c>n1</c>).</param>
/// <param name="ClientUrl">Client URL (gRPC gateway, /health, /version).</param>
/// <param name="MetricsUrl">URL whose <c>/metrics</c> to scrape (the client URL when no separate metrics listener).</param>
/// <param name="Pid">Process id from the local deployment's pid file, when known.</param>
public sealed record EtcdEndpoint(string Name, Uri ClientUrl, Uri MetricsUrl, int? Pid);

/// <summary>Supplies the current endpoints each cycle (pids change when a node restarts).</summary>
public interface IEtcdEndpointSource
{
    IReadOnlyList<EtcdEndpoint> Current();
}
