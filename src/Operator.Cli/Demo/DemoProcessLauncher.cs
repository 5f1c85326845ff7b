using Operator.Core.Processes;
using Operator.Tui.Demo;

namespace Operator.Cli.Demo;

/// <summary>The command lines of the demo's children: the real monitor, agent and workload child of this CLI.</summary>
internal sealed class DemoProcessLauncher : IDemoProcessLauncher
{
    private readonly StateDirectory _state;
    private readonly IReadOnlyList<string> _engineArguments;
    private readonly IReadOnlyList<string> _subjectArguments;
    private readonly (string Name, IReadOnlyList<string> Arguments) _load;

    /// <param name="state">The state dir every child works in.</param>
    /// <param name="engineArguments">The agent's engine options as given to the demo (<c>--engine openai --model m</c>).</param>
    /// <param name="subjectArguments">What the monitor and agent need to find the subject (<c>--subject tikv --pd …</c>); empty for the local etcd cluster.</param>
    /// <param name="load">The WORKLOAD child: its name and CLI arguments.</param>
    public DemoProcessLauncher(StateDirectory state, IReadOnlyList<string> engineArguments, IReadOnlyList<string> subjectArguments, (string Name, IReadOnlyList<string> Arguments) load)
    {
        _state = state;
        _engineArguments = engineArguments;
        _subjectArguments = subjectArguments;
        _load = load;
    }

    /// <summary>The etcd demo: the local cluster, and <c>load run</c> as the workload.</summary>
    public static DemoProcessLauncher ForEtcd(StateDirectory state, IReadOnlyList<string> engineArguments, DemoLoad load) =>
        new(state, engineArguments, [], ("load generator", load.Arguments()));

    /// <summary>The TiKV demo: <paramref name="subjectArguments"/> for the daemons, and TiKV's request rate from Prometheus as the workload.</summary>
    public static DemoProcessLauncher ForTikv(StateDirectory state, IReadOnlyList<string> engineArguments, IReadOnlyList<string> subjectArguments, Uri prometheus, bool compose)
    {
        ArgumentNullException.ThrowIfNull(prometheus);
        IReadOnlyList<string> throughput = compose
            ? ["demo", "throughput", "--prometheus", prometheus.ToString(), "--compose"]
            : ["demo", "throughput", "--prometheus", prometheus.ToString()];
        return new(state, engineArguments, subjectArguments, ("throughput reader", throughput));
    }

    public ChildProcess Start(DemoRole role, Action<string, bool> onLine)
    {
        var (name, arguments) = Command(role);
        return ChildProcess.Start(name, SelfCommand.FileName, SelfCommand.Arguments(_state, arguments), onLine, SelfCommand.Lifeline);
    }

    /// <summary>The child's name and CLI arguments (after <c>--state-dir</c>).</summary>
    public (string Name, IReadOnlyList<string> Arguments) Command(DemoRole role) => role switch
    {
        DemoRole.Monitor => ("monitor", ["monitor", "run", "--interval", "0.5", .. _subjectArguments]),
        DemoRole.Agent => ("agent", ["agent", "start", "--interval", "0.5", .. _subjectArguments, .. _engineArguments]),
        DemoRole.Load => _load,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
