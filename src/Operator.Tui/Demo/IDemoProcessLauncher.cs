using Operator.Core.Processes;

namespace Operator.Tui.Demo;

/// <summary>Starts the demo's children (monitor, agent, load generator) with the right command lines.</summary>
public interface IDemoProcessLauncher
{
    /// <summary>Starts <paramref name="role"/>; every output line goes to <paramref name="onLine"/> (true for stderr).</summary>
    ChildProcess Start(DemoRole role, Action<string, bool> onLine);
}
