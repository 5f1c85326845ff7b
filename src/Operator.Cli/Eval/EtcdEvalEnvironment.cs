using Operator.Cli.Demo;
using Operator.Core;
using Operator.Core.Observing;
using Operator.Core.Processes;
using Operator.Etcd.Faults;
using Operator.Etcd.Local;
using Operator.Eval.Running;

namespace Operator.Cli.Eval;

/// <summary>
/// An evaluation's own local etcd cluster (in <c>&lt;run&gt;/cluster</c>) with the real monitor and agent of this CLI
/// as child processes, their output appended to <c>&lt;run&gt;/monitor.log</c> and <c>agent.log</c>.
/// </summary>
internal sealed class EtcdEvalEnvironment : IEvalEnvironment, IAsyncDisposable
{
    private const int MaxStarts = 4;
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly StateDirectory _state;
    private readonly LocalEtcdCluster _cluster;
    private readonly string _runDirectory;
    private readonly IReadOnlyList<string> _engineArguments;
    private readonly Dictionary<string, (ChildProcess? Child, int Starts)> _daemons = new(StringComparer.Ordinal)
    {
        ["monitor"] = (null, 0),
        ["agent"] = (null, 0),
    };

    private readonly Dictionary<string, string> _lastLines = new(StringComparer.Ordinal);

    public EtcdEvalEnvironment(StateDirectory state, LocalEtcdCluster cluster, string runDirectory, IReadOnlyList<string> engineArguments)
    {
        _state = state;
        _cluster = cluster;
        _runDirectory = runDirectory;
        _engineArguments = engineArguments;
    }

    public async Task<string?> ResetAsync(CancellationToken cancellationToken)
    {
        foreach (var node in _cluster.Nodes().Where(n => n.State == ProcessState.Stopped))
        {
            await _cluster.ResumeAsync(node.Name, cancellationToken).ConfigureAwait(false);
        }

        if (_cluster.Nodes().Any(n => !n.IsAlive))
        {
            try
            {
                await _cluster.UpAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (OperatorException e)
            {
                return e.Message;
            }
        }

        return await HealthProblemAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<string?> HealthProblemAsync(CancellationToken cancellationToken) => _cluster.HealthProblemAsync(cancellationToken);

    public Task EnsureDaemonsAsync(CancellationToken cancellationToken)
    {
        foreach (var name in _daemons.Keys.ToList())
        {
            var (child, starts) = _daemons[name];
            if (child is { HasExited: false })
            {
                continue;
            }

            if (starts >= MaxStarts)
            {
                string last;
                lock (_lastLines)
                {
                    last = _lastLines.GetValueOrDefault(name, string.Empty);
                }

                throw new OperatorException($"the {name} exited {starts} times (last: {(last.Length > 0 ? last : "no output")}); see {LogPath(name)}");
            }

            var arguments = name == "monitor"
                ? new List<string> { "monitor", "run", "--interval", "0.5" }
                : ["agent", "start", "--interval", "0.5", .. _engineArguments];
            var log = LogPath(name);
            var started = ChildProcess.Start(
                name,
                SelfCommand.FileName,
                SelfCommand.Arguments(_state, arguments),
                (line, _) => Record(name, log, line),
                SelfCommand.Lifeline);
            _daemons[name] = (started, starts + 1);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _daemons.Keys.ToList())
        {
            if (_daemons[name].Child is { } child)
            {
                await child.StopAsync(StopGrace).ConfigureAwait(false);
                await child.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private string LogPath(string name) => Path.Combine(_runDirectory, name + ".log");

    private void Record(string name, string log, string line)
    {
        lock (_lastLines)
        {
            _lastLines[name] = line;
            try
            {
                File.AppendAllText(log, line + Environment.NewLine);
            }
            catch (IOException)
            {
                // The log is a convenience; the run goes on without it.
            }
        }
    }
}
