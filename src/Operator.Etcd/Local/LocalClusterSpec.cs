using System.Text.Json.Serialization;

namespace Operator.Etcd.Local;

/// <summary>The contents of <c>&lt;state&gt;/cluster.json</c>: everything needed to start the same members again.</summary>
/// <param name="FormatVersion">Layout version of this file (currently 1).</param>
/// <param name="EtcdBinary">Absolute path of the etcd binary members are started with.</param>
/// <param name="Token">The <c>--initial-cluster-token</c>, unique per state dir.</param>
/// <param name="CreatedAt">When the cluster was first created (ISO-8601 UTC).</param>
/// <param name="Nodes">Members in name order.</param>
/// <param name="QuotaBackendBytes">etcd's quota-backend-bytes flag the members run with; null for etcd's default (absent in older files).</param>
public sealed record LocalClusterSpec(
    int FormatVersion,
    string EtcdBinary,
    string Token,
    string CreatedAt,
    IReadOnlyList<LocalNodeSpec> Nodes,
    long? QuotaBackendBytes = null)
{
    public const int CurrentFormatVersion = 1;

    /// <summary>Every member has a fault proxy port in front of its peer port (clusters made before the proxy have none).</summary>
    [JsonIgnore]
    public bool HasFaultProxy => Nodes.Count > 0 && Nodes.All(n => n.PeerProxyPort is not null);
}
