using System.Globalization;
using System.Security.Cryptography;
using Operator.Core.Time;

namespace Operator.Etcd.Local;

/// <summary>Builds the spec of a new cluster: names n1..nN, three ports each, files and the launch arguments.</summary>
internal static class LocalClusterPlan
{
    public static LocalClusterSpec Create(StateDirLayout layout, string etcdBinary, IReadOnlyList<int> ports, DateTimeOffset now)
    {
        var count = ports.Count / 3;
        var token = "operator-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var names = Enumerable.Range(1, count).Select(i => "n" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var initialCluster = string.Join(',', names.Select((name, i) => $"{name}={Url(ports[(i * 3) + 1])}"));

        var nodes = names.Select((name, i) =>
        {
            var (client, peer, metrics) = (ports[i * 3], ports[(i * 3) + 1], ports[(i * 3) + 2]);
            var arguments = new List<string>
            {
                "--name", name,
                "--data-dir", layout.DataDir(name),
                "--listen-client-urls", Url(client),
                "--advertise-client-urls", Url(client),
                "--listen-peer-urls", Url(peer),
                "--initial-advertise-peer-urls", Url(peer),
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
            return new LocalNodeSpec(
                name,
                client,
                peer,
                metrics,
                layout.DataDir(name),
                layout.LogFile(name),
                layout.StderrFile(name),
                layout.PidFile(name),
                arguments);
        }).ToList();

        return new LocalClusterSpec(LocalClusterSpec.CurrentFormatVersion, etcdBinary, token, Timestamps.ToWire(now), nodes);
    }

    private static string Url(int port) => LocalNodeSpec.Loopback(port).ToString().TrimEnd('/');
}
