namespace Operator.Tui.Demo;

/// <summary>Key presses, read without blocking.</summary>
public interface IKeySource
{
    bool TryRead(out DemoKey key);
}
