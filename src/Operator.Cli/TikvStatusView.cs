using System.Globalization;
using System.Text;
using Operator.Core.Observing;
using Operator.TiKV;

namespace Operator.Cli;

/// <summary>
/// Plain text for <c>cluster status --subject tikv</c>, a pure function of one observation: the PD members, then the
/// stores (our probe's state next to PD's), then a summary and any warnings.
/// </summary>
internal static class TikvStatusView
{
    private static readonly (string Label, string Fact)[] RegionChecks =
    [
        ("miss-peer", TikvReadings.MissPeerRegions),
        ("down-peer", TikvReadings.DownPeerRegions),
        ("pending-peer", TikvReadings.PendingPeerRegions),
        ("offline-peer", TikvReadings.OfflinePeerRegions),
        ("extra-peer", TikvReadings.ExtraPeerRegions),
    ];

    public static string Render(Observation o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var sb = new StringBuilder();
        var members = PdMembers(o);
        var stores = Stores(o);

        var memberRows = members.Select(n => (IReadOnlyList<string>)
        [
            n.Name + (n.IsLeader ? " *" : string.Empty),
            n.State.ToWire(),
            Authority(n.Address),
            n.IsUp ? string.Empty : n.Error ?? string.Empty,
        ]).ToList();
        TextTable.Append(sb, ["PD MEMBER", "STATE", "CLIENT URL", "ERROR"], memberRows);
        sb.AppendLine();

        if (stores.Count == 0)
        {
            sb.AppendLine("STORE  (none listed: PD did not answer, or no store has registered yet)");
        }
        else
        {
            var storeRows = stores.Select(n => (IReadOnlyList<string>)
            [
                n.Name,
                n.State.ToWire(),
                n.Fact(TikvReadings.PdStateName) ?? "-",
                n.Fact(TikvReadings.Address) ?? "-",
                n.Fact(TikvReadings.StatusAddress) ?? "-",
                n.Fact(TikvReadings.Version) ?? "-",
                Count(n.Metric(TikvReadings.RegionCount)),
                Count(n.Metric(TikvReadings.LeaderCount)),
                n.Metric(TikvReadings.DiskUsedRatio) is { } ratio ? (ratio * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-",
                n.IsUp ? string.Empty : n.Error ?? string.Empty,
            ]).ToList();
            TextTable.Append(sb, ["STORE", "STATE", "PD STATE", "ADDRESS", "STATUS ADDRESS", "VERSION", "REGIONS", "LEADERS", "DISK USED", "ERROR"], storeRows);
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"PD: {members.Count(n => n.IsUp)}/{members.Count} members up, leader {o.Fact(TikvReadings.PdLeader) ?? "none"} (* marks the leader)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"stores: {stores.Count(n => n.IsUp)}/{stores.Count} up (STATE is our probe of the status server, PD STATE what PD reports)");
        if (Regions(o) is { } regions)
        {
            sb.AppendLine(regions);
        }

        foreach (var e in o.Errors)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"warning: {e}");
        }

        return sb.ToString();
    }

    internal static List<NodeObservation> PdMembers(Observation o) => o.Nodes.Where(n => n.Role == TikvReadings.PdRole).ToList();

    internal static List<NodeObservation> Stores(Observation o) => o.Nodes.Where(n => n.Role == TikvReadings.TikvRole).ToList();

    internal static string Authority(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : address;

    /// <summary>"regions: 36 (miss-peer 2)", naming only the checks that found regions; null when PD gave no count.</summary>
    private static string? Regions(Observation o)
    {
        if (o.Fact(TikvReadings.TotalRegions) is not { } total)
        {
            return null;
        }

        var checks = RegionChecks
            .Select(c => (c.Label, Count: o.Fact(c.Fact)))
            .Where(c => c.Count is not null and not "0")
            .Select(c => $"{c.Label} {c.Count}")
            .ToList();
        return checks.Count == 0 ? $"regions: {total}" : $"regions: {total} ({string.Join(", ", checks)})";
    }

    private static string Count(double? value) => value?.ToString("0", CultureInfo.InvariantCulture) ?? "-";
}
