namespace Operator.Tui.Demo;

/// <summary>What the presenter can ask for.</summary>
public enum DemoKey
{
    /// <summary>SPACE or ENTER: the next chapter.</summary>
    Next,

    /// <summary>Q (or Ctrl+C as a key): stop the demo and clean up.</summary>
    Quit,
}
