using Operator.Tui.State;

namespace Operator.Tui.Demo;

/// <summary>Where frames go: the terminal, or a recorder in tests.</summary>
public interface IDashboardScreen
{
    /// <summary>True when the screen must be drawn again even if the state did not change (e.g. the terminal was resized).</summary>
    bool NeedsRedraw { get; }

    void Draw(DashboardState state);
}
