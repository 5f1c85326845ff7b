using System.Globalization;
using System.Security.Cryptography;
using Operator.Core.Time;

namespace Operator.Etcd.Local;

/// <summary>
/// Builds the spec of a new cluster: names n1..nN, three ports each (four with a fault proxy), files and the
/// launch arguments.
/// </summary>
internal static class LocalClusterPlan
{
    /// <summary>Ports each member needs: client, peer, metrics, and the fault proxy's when there is one.</summary>
    public static int PortsPerNode(bool faultProxy) => faultProxy ? 4 : 3;

    public static LocalClusterSpec Create(
        StateDirLayout layout,
        string etcdBinary,
        IReadOnlyList<int> ports,
        DateTimeOffset now,
        bool faultProxy = false,
        long? quotaBackendBytes = null)
    {
        var stride = PortsPerNode(faultProxy);
        var count = ports.Count / stride;
        var token = "operator-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var names = Enumerable.Range(1, count).Select(i => "n" + i.ToString(CultureInfo.InvariantCulture)).ToList();

        // With a proxy, members listen on their peer port but tell everyone the proxy's, so all raft traffic passes it.
        int Advertised(int i) => faultProxy ? ports[(i * stride) + 3] : ports[(i * stride) + 1];
        var initialCluster = string.Join(',', names.Select((name, i) => $"{name}={Url(Advertised(i))}"));

        var nodes = names.Select((name, i) =>
        {
            var (client, peer, metrics) = (ports[i * stride], ports[(i * stride) + 1], ports[(i * stride) + 2]);
            int? proxy = faultProxy ? ports[(i * stride) + 3] : null;
            var arguments = new List<string>
            {
                "--name", name,
                "--data-dir", layout.DataDir(name),
                "--listen-client-urls", Url(client),
                "--advertise-client-urls", Url(client),
                "--listen-peer-urls", Url(peer),
                "--initial-advertise-peer-urls", Url(Advertised(i)),
                "--listen-metrics-urls", Url(metrics),
                "--initial-cluster", initialCluster,
                // Ignored once the data dir exists, so restarts can reuse the same arguments.
                "--initial-cluster-state", "new",
                "--initial-cluster-token", token,
                "--logger", "zap",
                "--log-outputs", layout.LogFile(name),
                // Needed for grpc_server_handling_seconds (request latency histograms).
                "--metrics", "extensive",
            };
            if (quotaBackendBytes is { } quota)
            {
                arguments.AddRange(["--quota-backend-bytes", quota.ToString(CultureInfo.InvariantCulture)]);
            }

            return new LocalNodeSpec(
                name,
                client,
                peer,
                metrics,
                layout.DataDir(name),
                layout.LogFile(name),
                layout.StderrFile(name),
                layout.PidFile(name),
                arguments,
                proxy);
        }).ToList();

        return new LocalClusterSpec(LocalClusterSpec.CurrentFormatVersion, etcdBinary, token, Timestamps.ToWire(now), nodes, quotaBackendBytes);
    }

    private static string Url(int port) => LocalNodeSpec.Loopback(port).ToString().TrimEnd('/');
}
