using Operator.Etcd.Client;

namespace Operator.Etcd.Observing;

/// <summary>One member's status answer in one cycle, and how long it took.</summary>
internal sealed record EtcdStatusProbe(EtcdEndpoint Endpoint, EtcdResult<EtcdStatus> Status, TimeSpan Latency);
