using Operator.Core.Observing;
using Operator.Core.Processes;
using Operator.Core.Tickets;
using Operator.Tui.State;

namespace Operator.Tui.Demo;

/// <summary>
/// The dashboard's live data, written by the producers (child output, cluster poller, workload lines) on their own
/// threads and turned into an immutable <see cref="DashboardState"/> for each frame.
/// </summary>
internal sealed class DashboardModel
{
    private readonly Lock _gate = new();
    private readonly LineRing _monitorLines;
    private readonly LineRing _agentLines;
    private readonly int _workloadSeconds;
    private readonly List<WorkloadPoint> _points = [];
    private readonly Func<NodeObservation, string> _detail;
    private ChildProcess? _monitor;
    private ChildProcess? _agent;
    private ChildProcess? _load;
    private Observation? _observation;
    private IReadOnlyList<Ticket> _unresolved = [];
    private string? _clusterNote = "starting…";
    private long _totalErrors;
    private string? _lastError;
    private string _describe = string.Empty;
    private WorkloadAssessment _assessment = WorkloadAssessment.None;

    public DashboardModel(int panelLines, int workloadSeconds, Func<NodeObservation, string> detail)
    {
        _monitorLines = new LineRing(panelLines);
        _agentLines = new LineRing(panelLines);
        _workloadSeconds = workloadSeconds;
        _detail = detail;
    }

    public Observation? Observation
    {
        get
        {
            lock (_gate)
            {
                return _observation;
            }
        }
    }

    public void Started(DemoRole role, ChildProcess process)
    {
        lock (_gate)
        {
            switch (role)
            {
                case DemoRole.Monitor: _monitor = process; break;
                case DemoRole.Agent: _agent = process; break;
                case DemoRole.Load: _load = process; break;
            }
        }
    }

    public void Line(DemoRole role, string line)
    {
        if (role == DemoRole.Monitor)
        {
            _monitorLines.Add(line);
        }
        else if (role == DemoRole.Agent)
        {
            _agentLines.Add(line);
        }
    }

    public void Workload(WorkloadUpdate update)
    {
        lock (_gate)
        {
            if (update.Describe is { } describe)
            {
                _describe = describe;
            }

            if (update.LastError is { } error)
            {
                _lastError = error;
            }

            if (update.Point is { } point)
            {
                _points.Add(point);
                if (_points.Count > _workloadSeconds)
                {
                    _points.RemoveAt(0);
                }

                _totalErrors += point.Errors;
                _assessment = WorkloadAssessment.Assess(_points);
            }
        }
    }

    public void Cluster(Observation? observation, IReadOnlyList<Ticket> unresolved, string? note)
    {
        lock (_gate)
        {
            _observation = observation ?? _observation;
            _unresolved = unresolved;
            _clusterNote = note;
        }
    }

    public WorkloadPanelState WorkloadState()
    {
        lock (_gate)
        {
            var (status, exit) = Status(_load);
            return new WorkloadPanelState(_points.ToArray(), _assessment, _totalErrors, status, exit, _lastError, _describe);
        }
    }

    public DashboardState Snapshot(HeaderState header, NarrationState narration)
    {
        Observation? observation;
        IReadOnlyList<Ticket> unresolved;
        string? note;
        ChildProcess? monitor, agent;
        lock (_gate)
        {
            (observation, unresolved, note, monitor, agent) = (_observation, _unresolved, _clusterNote, _monitor, _agent);
        }

        return new DashboardState(
            header,
            ClusterPanelBuilder.Build(observation, unresolved, _detail, note),
            Panel("MONITOR", monitor, _monitorLines),
            Panel("AGENT", agent, _agentLines),
            WorkloadState(),
            narration);
    }

    private static ProcessPanelState Panel(string title, ChildProcess? process, LineRing lines)
    {
        var (status, exit) = Status(process);
        return new ProcessPanelState(title, lines.Snapshot(), status, process?.Pid, exit);
    }

    private static (ProcessStatus Status, int? ExitCode) Status(ChildProcess? process) => process switch
    {
        null => (ProcessStatus.NotStarted, null),
        { ExitCode: { } code } => (ProcessStatus.Exited, code),
        _ => (ProcessStatus.Running, null),
    };
}
