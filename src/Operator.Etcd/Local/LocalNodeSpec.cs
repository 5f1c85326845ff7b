using System.Globalization;
using System.Text.Json.Serialization;

namespace Operator.Etcd.Local;

/// <summary>One member of a local cluster as recorded in <c>cluster.json</c>: its ports, files and exact etcd arguments.</summary>
/// <param name="Name">Member name (<c>n1</c>).</param>
/// <param name="ClientPort">Loopback port of the client API.</param>
/// <param name="PeerPort">Loopback port for raft traffic between members.</param>
/// <param name="MetricsPort">Loopback port of the separate <c>/metrics</c> and <c>/health</c> listener.</param>
/// <param name="DataDir">etcd data directory.</param>
/// <param name="LogFile">zap JSON log (<c>--log-outputs</c>).</param>
/// <param name="StderrFile">Captured stderr (capnslog warnings, early failures).</param>
/// <param name="PidFile">Holds the pid of the running etcd.</param>
/// <param name="Arguments">The exact arguments after the binary; the same on every start.</param>
/// <param name="PeerProxyPort">
/// Loopback port of the fault proxy in front of <paramref name="PeerPort"/>, which the member advertises to its peers;
/// null when the cluster has no proxy (absent in older files).
/// </param>
public sealed record LocalNodeSpec(
    string Name,
    int ClientPort,
    int PeerPort,
    int MetricsPort,
    string DataDir,
    string LogFile,
    string StderrFile,
    string PidFile,
    IReadOnlyList<string> Arguments,
    int? PeerProxyPort = null)
{
    [JsonIgnore]
    public Uri ClientUrl => Loopback(ClientPort);

    [JsonIgnore]
    public Uri PeerUrl => Loopback(PeerPort);

    /// <summary>The URL peers use to reach this member: the fault proxy's when there is one, else the peer port.</summary>
    [JsonIgnore]
    public Uri AdvertisedPeerUrl => Loopback(PeerProxyPort ?? PeerPort);

    [JsonIgnore]
    public Uri MetricsUrl => Loopback(MetricsPort);

    internal static Uri Loopback(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
}
