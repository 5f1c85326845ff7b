using System.Globalization;
using Operator.Core;

namespace Operator.TiKV.Deployment;

/// <summary>
/// The services of the compose deployment and how Operator's node names map onto them: PD members by their PD name
/// (<c>pd0</c>), stores (<c>store&lt;id&gt;</c>) through the host part of their gRPC address as PD reports it
/// (<c>tikv1:20160</c> → service <c>tikv1</c>).
/// </summary>
public static class ComposeTopology
{
    /// <summary>The compose project name unless told otherwise; it prefixes containers, volumes and the network.</summary>
    public const string DefaultProject = "operator-tikv";

    public const string PrometheusService = "prometheus";
    public const string LoadService = "ycsb";

    public static IReadOnlyList<string> PdServices { get; } = ["pd0", "pd1", "pd2"];

    public static IReadOnlyList<string> TikvServices { get; } = ["tikv0", "tikv1", "tikv2"];

    /// <summary>Every service of docker-compose.yaml.</summary>
    public static IReadOnlyList<string> Services { get; } = [.. PdServices, .. TikvServices, PrometheusService, LoadService];

    /// <summary>The container compose creates for a service (<c>operator-tikv-tikv1-1</c>: one replica each).</summary>
    public static string ContainerName(string project, string service) => $"{project}-{service}-1";

    /// <summary>
    /// The compose service behind an Operator node name, or a service name given as-is (<c>tikv1</c>,
    /// <c>prometheus</c>).
    /// </summary>
    /// <param name="node"><c>pd0</c>…, <c>store&lt;id&gt;</c>, or a service name.</param>
    /// <param name="storeAddresses">Store id → gRPC address, as PD reports them (the subject knows them).</param>
    /// <exception cref="OperatorException">The node is not part of this deployment.</exception>
    public static string ServiceFor(string node, IReadOnlyDictionary<long, string> storeAddresses)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        ArgumentNullException.ThrowIfNull(storeAddresses);
        if (Services.Contains(node, StringComparer.Ordinal))
        {
            return node;
        }

        if (!node.StartsWith("store", StringComparison.Ordinal)
            || !long.TryParse(node.AsSpan("store".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var storeId))
        {
            throw new OperatorException(
                $"{node} is not a node of the TiKV compose deployment; use a PD member ({string.Join(", ", PdServices)}), a store (store<id>) or a service ({string.Join(", ", Services.Skip(PdServices.Count))})");
        }

        if (!storeAddresses.TryGetValue(storeId, out var address))
        {
            var known = storeAddresses.Count == 0
                ? "PD reported no stores"
                : "stores: " + string.Join(", ", storeAddresses.OrderBy(s => s.Key).Select(s => $"store{s.Key.ToString(CultureInfo.InvariantCulture)} {s.Value}"));
            throw new OperatorException($"{node} is not a store of the TiKV cluster ({known})");
        }

        var host = HostOf(address);
        if (!TikvServices.Contains(host, StringComparer.Ordinal))
        {
            throw new OperatorException(
                $"{node} has address {address}, which is not a TiKV container of the compose deployment ({string.Join(", ", TikvServices)}); is --pd pointing at another cluster?");
        }

        return host;
    }

    // "tikv1:20160" → "tikv1"; "[::1]:20160" → "[::1]"; an address without a port is its own host.
    private static string HostOf(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon > 0 && !address.EndsWith(']') ? address[..colon] : address;
    }
}
