namespace Operator.Tui.Demo;

/// <summary>The child processes the demo runs next to its dashboard.</summary>
public enum DemoRole
{
    Monitor,
    Agent,
    Load,
}
