using Operator.Core.Processes;
using Operator.Tui.Demo;

namespace Operator.Cli.Demo;

/// <summary>The command lines of the demo's children: the real monitor, agent and load generator of this CLI.</summary>
internal sealed class DemoProcessLauncher : IDemoProcessLauncher
{
    private readonly StateDirectory _state;
    private readonly IReadOnlyList<string> _engineArguments;
    private readonly DemoLoad _load;

    /// <param name="state">The state dir every child works in.</param>
    /// <param name="engineArguments">The agent's engine options as given to the demo (<c>--engine openai --model m</c>).</param>
    /// <param name="load">The workload the demo runs.</param>
    public DemoProcessLauncher(StateDirectory state, IReadOnlyList<string> engineArguments, DemoLoad load)
    {
        _state = state;
        _engineArguments = engineArguments;
        _load = load;
    }

    public ChildProcess Start(DemoRole role, Action<string, bool> onLine)
    {
        var (name, arguments) = Command(role);
        return ChildProcess.Start(name, SelfCommand.FileName, SelfCommand.Arguments(_state, arguments), onLine, SelfCommand.Lifeline);
    }

    /// <summary>The child's name and CLI arguments (after <c>--state-dir</c>).</summary>
    public (string Name, IReadOnlyList<string> Arguments) Command(DemoRole role) => role switch
    {
        DemoRole.Monitor => ("monitor", ["monitor", "run", "--interval", "0.5"]),
        DemoRole.Agent => ("agent", ["agent", "start", "--interval", "0.5", .. _engineArguments]),
        DemoRole.Load => ("load generator", _load.Arguments()),
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
