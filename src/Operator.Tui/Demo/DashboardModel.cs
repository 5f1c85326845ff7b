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
    private long _totalErrors;
    private string? _lastError;
    private string _describe = string.Empty;
    private WorkloadAssessment _assessment = WorkloadAssessment.None;
    private ClusterPanelState _cluster = ClusterPanelState.Waiting("starting…");
    private string _clusterFingerprint = string.Empty;
    private long _version;

    public DashboardModel(int panelLines, int workloadSeconds, Func<NodeObservation, string> detail)
    {
        _monitorLines = new LineRing(panelLines);
        _agentLines = new LineRing(panelLines);
        _workloadSeconds = workloadSeconds;
        _detail = detail;
    }

    /// <summary>
    /// Changes whenever something the panels show changed (a line, a workload second, a different cluster picture, a
    /// child that exited), so the loop can skip frames that would draw the same screen.
    /// </summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                var exited = (_monitor?.HasExited == true ? 1 : 0) + (_agent?.HasExited == true ? 2 : 0) + (_load?.HasExited == true ? 4 : 0);
                return (_version << 3) | (long)exited;
            }
        }
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

            _version++;
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

        lock (_gate)
        {
            _version++;
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

                _totalErrors += point.Errors ?? 0;
                _assessment = WorkloadAssessment.Assess(_points);
            }

            _version++;
        }
    }

    public void Cluster(Observation? observation, IReadOnlyList<Ticket> unresolved, string? note)
    {
        Observation? current;
        lock (_gate)
        {
            _observation = observation ?? _observation;
            current = _observation;
        }

        var panel = ClusterPanelBuilder.Build(current, unresolved, _detail, note);
        var fingerprint = Fingerprint(panel);
        lock (_gate)
        {
            _cluster = panel;
            if (fingerprint != _clusterFingerprint)
            {
                _clusterFingerprint = fingerprint;
                _version++;
            }
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
        ClusterPanelState cluster;
        ChildProcess? monitor, agent;
        lock (_gate)
        {
            (cluster, monitor, agent) = (_cluster, _monitor, _agent);
        }

        return new DashboardState(
            header,
            cluster,
            Panel("MONITOR", monitor, _monitorLines),
            Panel("AGENT", agent, _agentLines),
            WorkloadState(),
            narration);
    }

    /// <summary>Everything the CLUSTER panel shows, as one string: equal strings draw the same panel.</summary>
    private static string Fingerprint(ClusterPanelState panel)
    {
        var text = new System.Text.StringBuilder();
        foreach (var n in panel.Nodes)
        {
            text.Append(n.Name).Append('|').Append(n.Role).Append('|').Append((int)n.State).Append('|').Append(n.IsLeader).Append('|').Append(n.Detail).Append('|').Append(n.Ticket).Append(';');
        }

        foreach (var t in panel.OpenTickets)
        {
            text.Append(t).Append(';');
        }

        return text.Append(panel.Leader).Append('|').Append(panel.Note).ToString();
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
