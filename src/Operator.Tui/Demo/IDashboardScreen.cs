using Operator.Tui.State;

namespace Operator.Tui.Demo;

/// <summary>Where frames go: the terminal, or a recorder in tests.</summary>
public interface IDashboardScreen
{
    void Draw(DashboardState state);
}
