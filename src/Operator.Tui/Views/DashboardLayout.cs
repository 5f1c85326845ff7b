using Operator.Tui.State;

namespace Operator.Tui.Views;

/// <summary>
/// Where each panel goes for a terminal size: the header row on top, NARRATION across the bottom, CLUSTER above
/// WORKLOAD on the left and MONITOR above AGENT on the right. Sizes are computed here rather than by Spectre's ratios
/// so each view knows exactly how many rows it has and can show the newest lines that fit.
/// </summary>
/// <param name="Width">Screen width.</param>
/// <param name="Height">Screen height.</param>
/// <param name="Compact">Too small for panels: one summary line per panel instead.</param>
internal sealed record DashboardLayout(
    int Width,
    int Height,
    bool Compact,
    int NarrationRows,
    int MainRows,
    int LeftWidth,
    int RightWidth,
    int ClusterRows,
    int WorkloadRows,
    int MonitorRows,
    int AgentRows)
{
    /// <summary>Below this the panels do not fit and the compact summary is drawn.</summary>
    public const int MinWidth = 40;
    public const int MinHeight = 13;

    /// <summary>Larger requests are clamped to this; no terminal is bigger and it bounds the work per frame.</summary>
    public const int MaxSize = 1000;

    private const int HeaderRows = 1;
    private const int MinPanelRows = 3;

    /// <summary>The workload panel keeps at least this many rows (a chart row and the ops/s row) when it can.</summary>
    private const int MinWorkloadRows = 4;

    public static DashboardLayout For(DashboardState? state, int width, int height)
    {
        width = Math.Clamp(width, 1, MaxSize);
        height = Math.Clamp(height, 1, MaxSize);
        if (width < MinWidth || height < MinHeight)
        {
            return new DashboardLayout(width, height, true, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        // 9 rows of narration at 45 lines, 8 at 35, 6 at 24 and below.
        var narration = Math.Clamp((height + 5) / 5, 6, 9);
        var main = height - HeaderRows - narration;

        // The left column holds the node table; process output on the right gets the rest of the width.
        var left = Math.Clamp((int)Math.Round(width * 0.36), 24, 64);
        var right = width - left;

        var clusterWanted = state?.Cluster is null ? MinPanelRows + 3 : ClusterPanelView.PreferredHeight(state.Cluster, left);
        var workloadWanted = state?.Workload is null ? MinWorkloadRows : WorkloadPanelView.PreferredHeight(state.Workload, left);
        var workloadFloor = Math.Min(MinWorkloadRows, main - MinPanelRows);
        var cluster = Math.Clamp(clusterWanted, MinPanelRows, main - workloadFloor);
        var workload = main - cluster;
        if (workload > workloadWanted)
        {
            // A chart taller than it is useful: give the rows back to the cluster panel (room for tickets).
            cluster += workload - workloadWanted;
            workload = workloadWanted;
        }

        var monitor = (main + 1) / 2;
        var agent = main - monitor;
        return new DashboardLayout(width, height, false, narration, main, left, right, cluster, workload, monitor, agent);
    }
}
