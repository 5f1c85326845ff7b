using Operator.Tui.State;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Operator.Tui.Views;

/// <summary>
/// The whole screen as one renderable: header, CLUSTER and WORKLOAD on the left, MONITOR above AGENT on the right,
/// NARRATION across the bottom, sized by <see cref="DashboardLayout"/>. Below 40×13 it falls back to one summary line
/// per panel. Drawing never throws: a frame that cannot be drawn says so in place of the panels.
/// </summary>
public static class DashboardView
{
    private static readonly HeaderState NoHeader = new(string.Empty, string.Empty, string.Empty, TimeSpan.Zero, string.Empty);
    private static readonly ClusterPanelState NoCluster = ClusterPanelState.Waiting("no cluster state yet");
    private static readonly NarrationState NoNarration = new(0, 0, string.Empty, string.Empty, string.Empty, null, null, false, "Q quit");

    /// <param name="state">Everything on screen at this instant.</param>
    /// <param name="width">Terminal width in cells.</param>
    /// <param name="height">Terminal height in rows; the renderable is exactly this tall.</param>
    public static IRenderable Render(DashboardState state, int width, int height) => new Screen(state, width, height);

    internal static IRenderable Build(DashboardState? state, DashboardLayout layout)
    {
        if (layout.Compact)
        {
            return new FixedRows(CompactSummary.Rows(state, layout.Width, layout.Height));
        }

        var (w, l, r) = (layout.Width, layout.LeftWidth, layout.RightWidth);
        var header = HeaderView.Render(state?.Header ?? NoHeader, w);
        var cluster = ClusterPanelView.Render(state?.Cluster ?? NoCluster, l, layout.ClusterRows);
        var workload = WorkloadPanelView.Render(state?.Workload ?? WorkloadPanelState.NotStarted, l, layout.WorkloadRows);
        var monitor = ProcessPanelView.Render(state?.Monitor ?? ProcessPanelState.NotStarted("MONITOR"), r, layout.MonitorRows);
        var agent = ProcessPanelView.Render(state?.Agent ?? ProcessPanelState.NotStarted("AGENT"), r, layout.AgentRows);
        var narration = NarrationPanelView.Render(state?.Narration ?? NoNarration, w, layout.NarrationRows);

        return new Layout("screen").SplitRows(
            new Layout("header", header).Size(1),
            new Layout("main").Size(layout.MainRows).SplitColumns(
                new Layout("left").Size(l).SplitRows(
                    new Layout("cluster", cluster).Size(layout.ClusterRows),
                    new Layout("workload", workload).Size(layout.WorkloadRows)),
                new Layout("right").Size(r).SplitRows(
                    new Layout("monitor", monitor).Size(layout.MonitorRows),
                    new Layout("agent", agent).Size(layout.AgentRows))),
            new Layout("narration", narration).Size(layout.NarrationRows));
    }

    /// <summary>
    /// Lays the screen out when it is drawn, at the width actually offered (never wider than asked) and exactly the
    /// height asked, and turns a failure into a visible message rather than an exception in the live loop.
    /// </summary>
    private sealed class Screen(DashboardState state, int width, int height) : Renderable
    {
        protected override Measurement Measure(RenderOptions options, int maxWidth)
        {
            var w = Math.Clamp(Math.Min(width, maxWidth), 1, DashboardLayout.MaxSize);
            return new Measurement(w, w);
        }

        protected override IEnumerable<Segment> Render(RenderOptions options, int maxWidth)
        {
            var w = Math.Clamp(Math.Min(width, maxWidth), 1, DashboardLayout.MaxSize);
            var h = Math.Clamp(height, 1, DashboardLayout.MaxSize);
            try
            {
                var layout = DashboardLayout.For(state, w, h);
                return Build(state, layout).Render(options with { Height = h }, w).ToList();
            }
            catch (Exception ex)
            {
                var rows = new List<IReadOnlyList<Segment>>
                {
                    FixedRows.Row(CellText.Fit("dashboard: drawing this frame failed: " + CellText.Clean(ex.Message), w), Palette.BadBold),
                };
                while (rows.Count < h)
                {
                    rows.Add(FixedRows.Row(new string(' ', w)));
                }

                return ((IRenderable)new FixedRows(rows)).Render(options, w).ToList();
            }
        }
    }
}
