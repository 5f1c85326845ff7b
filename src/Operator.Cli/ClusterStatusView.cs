using System.Globalization;
using System.Text;
using Operator.Core.Faults;
using Operator.Core.Observing;
using Operator.Etcd;

namespace Operator.Cli;

/// <summary>Plain-text table for <c>cluster status</c>: a pure function of one observation.</summary>
internal static class ClusterStatusView
{
    public static string Render(Observation o)
    {
        var sb = new StringBuilder();
        var rows = o.Nodes.Select(n => new[]
        {
            n.Name + (n.IsLeader ? " *" : string.Empty),
            n.State.ToWire(),
            n.Pid?.ToString(CultureInfo.InvariantCulture) ?? "-",
            new Uri(n.Address).GetLeftPart(UriPartial.Authority),
            n.Metric(EtcdReadings.RaftTerm)?.ToString("0", CultureInfo.InvariantCulture) ?? "-",
            n.Metric(EtcdReadings.DbSizeBytes) is { } db ? $"{db / 1024:0} KiB" : "-",
            n.IsUp ? string.Empty : n.Error ?? string.Empty,
        }).ToList();
        string[] header = ["NODE", "STATE", "PID", "CLIENT URL", "TERM", "DB", "ERROR"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        void Row(string[] cells) => sb.AppendLine(string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        Row(header);
        rows.ForEach(Row);
        var up = o.Nodes.Count(n => n.IsUp);
        sb.AppendLine(CultureInfo.InvariantCulture, $"{up}/{o.Nodes.Count} up, leader {o.Fact(EtcdReadings.Leader) ?? "none"} (* marks the leader)");
        foreach (var (alarm, nodes) in Alarms(o))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"alarm {alarm} raised (reported by {string.Join(", ", nodes)})");
        }

        foreach (var e in o.Errors)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"warning: {e}");
        }

        return sb.ToString();
    }

    /// <summary>Each active alarm (NOSPACE, CORRUPT) with the members whose status reports it, in alarm order.</summary>
    public static IReadOnlyList<(string Alarm, IReadOnlyList<string> Nodes)> Alarms(Observation o) =>
        o.Nodes
            .SelectMany(n => (n.Fact(EtcdReadings.Alarms) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(a => (Alarm: a, Node: n.Name)))
            .GroupBy(x => x.Alarm, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)g.Select(x => x.Node).Distinct(StringComparer.Ordinal).ToList()))
            .ToList();

    /// <summary>
    /// The local cluster's own settings under the table: backend quota when set, the fault proxy when it has one, and
    /// the faults injected and not yet reverted.
    /// </summary>
    public static string RenderLocal(long? quotaBackendBytes, bool hasFaultProxy, int? faultProxyPid, IReadOnlyList<ActiveFault> injected)
    {
        ArgumentNullException.ThrowIfNull(injected);
        var sb = new StringBuilder();
        if (quotaBackendBytes is { } quota)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"backend quota {ByteSizeText.Format(quota)} ({quota} bytes)");
        }

        if (hasFaultProxy)
        {
            sb.AppendLine(faultProxyPid is { } pid
                ? string.Create(CultureInfo.InvariantCulture, $"fault proxy running (pid {pid})")
                : "fault proxy not running; start it with `operator cluster up`");
        }

        foreach (var fault in injected)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"injected fault: {FaultInjector.Describe(fault)} since {fault.InjectedAt ?? fault.RegisteredAt + " (never confirmed)"}; undo it with `operator chaos revert --all`");
        }

        return sb.ToString();
    }
}
