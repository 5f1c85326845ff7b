using Operator.Core.Observing;
using Operator.Tui.State;
using Spectre.Console;

namespace Operator.Tui.Views;

/// <summary>The dashboard's colours in one place: green is fine, red is broken, yellow is in between.</summary>
internal static class Palette
{
    public static readonly Color Good = Color.Green;
    public static readonly Color Bad = Color.Red;
    public static readonly Color Warn = Color.Yellow;

    public static readonly Style Plain = Style.Plain;
    public static readonly Style Dim = new(Color.Grey);
    public static readonly Style Bold = new(decoration: Decoration.Bold);
    public static readonly Style GoodText = new(Good);
    public static readonly Style BadText = new(Bad);
    public static readonly Style BadBold = new(Bad, decoration: Decoration.Bold);
    public static readonly Style WarnText = new(Warn);
    public static readonly Style Accent = new(Color.Aqua);

    /// <summary>A node with an open ticket: the whole row on a yellow background.</summary>
    public static readonly Style Highlight = new(Color.Black, Color.Yellow, Decoration.Bold);

    /// <summary>The countdown banner before the fault.</summary>
    public static readonly Style Banner = new(Color.White, Color.Red, Decoration.Bold);

    /// <summary>The state indicator's colour; on the yellow highlight, yellow states turn orange to stay visible.</summary>
    public static Color ForState(NodeState state, bool highlighted = false) => state switch
    {
        NodeState.Up => Good,
        NodeState.Down => Bad,
        NodeState.Paused or NodeState.Unresponsive => highlighted ? Color.DarkOrange3 : Warn,
        _ => Color.Grey,
    };

    public static Color ForSeverity(string? severity) => severity switch
    {
        "critical" => Bad,
        "warning" => Warn,
        _ => Color.Aqua,
    };

    /// <summary>The WORKLOAD border and headline colour; null keeps the terminal's own colour (warming up, idle).</summary>
    public static Color? ForHealth(WorkloadHealth health) => health switch
    {
        WorkloadHealth.Healthy => Good,
        WorkloadHealth.Degraded => Bad,
        _ => null,
    };
}
