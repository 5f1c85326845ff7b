using System.Diagnostics;
using System.Globalization;
using Operator.Core;
using Operator.Core.Diagnosis;
using Operator.Core.Processes;
using Operator.Core.Tickets;
using Operator.Core.Time;
using Operator.Etcd.Client;
using Operator.Etcd.Local;
using Operator.Etcd.Observing;
using Operator.Tui.Demo;

namespace Operator.Cli.Demo;

/// <summary>
/// <c>demo --plain</c>: the chaos run in one command, printed stage by stage with timings — cluster, health, load,
/// monitor and agent as child processes, a killed member, detection, diagnosis, restart, auto-resolve, cleanup.
/// Cleans up everything it started on every exit path.
/// </summary>
internal sealed class PlainDemo
{
    private readonly StateDirectory _state;
    private readonly DemoFault _fault;
    private readonly TextWriter _out;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public PlainDemo(StateDirectory state, string fault, TextWriter output)
    {
        _state = state;
        _fault = DemoFaults.Parse(fault);
        _out = output;
    }

    /// <summary>0 when the fault was detected and diagnosed, 1 otherwise.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var cluster = Wiring.Cluster(_state);
        var startedCluster = false;
        using var client = new EtcdClient(TimeProvider.System);
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(ct);
        ChildProcess? monitor = null;
        ChildProcess? agent = null;
        StreamWriter? monitorLog = null;
        StreamWriter? agentLog = null;
        Task? load = null;
        string? paused = null;
        try
        {
            if (cluster.Exists && cluster.Nodes().All(n => n.IsRunning))
            {
                Stage("cluster", $"using the running cluster in {_state.Path}");
            }
            else
            {
                var nodes = await cluster.UpAsync(null, null, ct).ConfigureAwait(false);
                startedCluster = true;
                Stage("cluster", $"started {nodes.Count} etcd members on 127.0.0.1 ({string.Join(", ", nodes.Select(n => $"{n.Name} pid {n.Pid}"))})");
            }

            var subject = new EtcdSubject(cluster.EndpointSource(), client, TimeProvider.System, new EtcdSubjectOptions { ProbeTimeout = TimeSpan.FromSeconds(1) });
            var healthy = await subject.ObserveAsync(ct).ConfigureAwait(false);
            Stage("health", $"{healthy.Nodes.Count(n => n.IsUp)}/{healthy.Nodes.Count} up, leader {healthy.Leader?.Name ?? "none"}");
            if (healthy.Nodes.Any(n => !n.IsUp) || healthy.Leader is null)
            {
                throw new OperatorException("the cluster is not healthy before the fault; check `operator cluster status`");
            }

            var loadRun = new SimpleLoad(client, cluster.EndpointSource());
            load = Task.Run(() => loadRun.RunAsync(stopLoad.Token), CancellationToken.None);

            var logs = Path.Combine(_state.Path, "demo");
            Directory.CreateDirectory(logs);
            monitorLog = new StreamWriter(Path.Combine(logs, "monitor.log"), append: true) { AutoFlush = true };
            agentLog = new StreamWriter(Path.Combine(logs, "agent.log"), append: true) { AutoFlush = true };
            monitor = StartChild("monitor", monitorLog, ["monitor", "run", "--interval", "0.5"]);
            agent = StartChild("agent", agentLog, ["agent", "start", "--interval", "0.5"]);
            Stage("daemons", $"monitor (pid {monitor.Pid}) and agent (pid {agent.Pid}) running; their output goes to {logs}");
            await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
            Stage("load", $"put/get loop: {loadRun.Ops} ops so far, {loadRun.Errors} errors");

            var before = await subject.ObserveAsync(ct).ConfigureAwait(false);
            var target = _fault == DemoFault.KillFollower
                ? before.Nodes.First(n => n.IsUp && !n.IsLeader).Name
                : before.Leader?.Name ?? throw new OperatorException("no leader to break; check `operator cluster status`");
            var killed = _fault == DemoFault.Pause
                ? await cluster.PauseAsync(target, ct).ConfigureAwait(false)
                : await cluster.KillAsync(target, ct).ConfigureAwait(false);
            paused = _fault == DemoFault.Pause ? target : null;
            Stage("fault", $"{(_fault == DemoFault.Pause ? "SIGSTOP" : "SIGKILL")} {target} ({_fault.Victim()}, pid {killed.Pid}) at {Timestamps.ToWire(killed.At)}");

            using var store = await TicketStore.OpenAsync(_state.DatabasePath, TicketPolicy.Default, TimeProvider.System, ct).ConfigureAwait(false);
            var ticket = await WaitForAsync(store, t => t.Node == target && t.FirstSeenAt >= killed.At.AddMilliseconds(-1), TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
            if (ticket is null)
            {
                Stage("detected", $"NO ticket for {target} within 15 s (see {logs}/monitor.log)");
                return 1;
            }

            Stage("detected", $"ticket #{ticket.Id} {ticket.Key} opened {Ms(ticket.FirstSeenAt - killed.At)} after the fault: {ticket.Message}");
            var diagnosed = await WaitForAsync(store, t => t.Id == ticket.Id && t.Diagnosis is not null, TimeSpan.FromSeconds(20), ct).ConfigureAwait(false);
            var diagnosis = DiagnosisJson.TryDeserialize(diagnosed?.Diagnosis);
            if (diagnosis is null)
            {
                Stage("diagnosed", $"NO diagnosis for ticket #{ticket.Id} within 20 s (see {logs}/agent.log)");
                return 1;
            }

            Stage("diagnosed", $"{diagnosis.Cause} on {diagnosis.Node ?? "the cluster"} ({diagnosis.Confidence} {diagnosis.ConfidenceScore.ToString("0.00", CultureInfo.InvariantCulture)}) by {diagnosis.Engine}, {Ms(diagnosis.CreatedAt - ticket.FirstSeenAt)} after the ticket");
            _out.Write(TicketView.Diagnosis(diagnosis));

            DateTimeOffset recoveredAt;
            if (_fault == DemoFault.Pause)
            {
                var resumed = await cluster.ResumeAsync(target, ct).ConfigureAwait(false);
                paused = null;
                recoveredAt = resumed.At;
                Stage("recovery", $"resumed {target} (pid {resumed.Pid}) with SIGCONT");
            }
            else
            {
                var restarted = await cluster.RestartAsync(target, ct).ConfigureAwait(false);
                recoveredAt = restarted.LaunchedAt;
                Stage("recovery", $"restarted {target} (pid {restarted.Pid}); it answered {Ms(restarted.AnsweredAt - restarted.LaunchedAt)} after launch");
            }

            var resolved = await WaitForAsync(store, t => t.Id == ticket.Id && t.Status == TicketStatus.Resolved, TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
            Stage("resolved", resolved is null
                ? $"ticket #{ticket.Id} did not auto-resolve within 15 s"
                : $"ticket #{ticket.Id} auto-resolved {Ms(resolved.ResolvedAt!.Value - recoveredAt)} after the recovery");
            Stage("load", $"{loadRun.Ops} ops, {loadRun.Errors} errors over the run");
            return 0;
        }
        finally
        {
            await stopLoad.CancelAsync().ConfigureAwait(false);
            if (load is not null)
            {
                await load.ConfigureAwait(false);
            }

            if (agent is not null)
            {
                await agent.DisposeAsync().ConfigureAwait(false);
            }

            if (monitor is not null)
            {
                await monitor.DisposeAsync().ConfigureAwait(false);
            }

            monitorLog?.Dispose();
            agentLog?.Dispose();
            if (paused is not null)
            {
                await cluster.ResumeAsync(paused, CancellationToken.None).ConfigureAwait(false);
            }

            if (startedCluster)
            {
                await cluster.DownAsync(false, CancellationToken.None).ConfigureAwait(false);
            }

            var stopped = new List<string>();
            if (load is not null)
            {
                stopped.Add("the load");
            }

            if (agent is not null)
            {
                stopped.AddRange(["the agent", "the monitor"]);
            }

            if (startedCluster)
            {
                stopped.Add("the cluster the demo started");
            }

            if (stopped.Count > 0)
            {
                Stage("cleanup", $"stopped {string.Join(", ", stopped)}{(startedCluster ? string.Empty : "; the cluster keeps running")}");
            }
        }
    }

    private static async Task<Ticket?> WaitForAsync(TicketStore store, Func<Ticket, bool> match, TimeSpan deadline, CancellationToken ct)
    {
        var until = Stopwatch.GetTimestamp() + (long)(deadline.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            var found = (await store.ListAsync(TicketFilter.All, ct).ConfigureAwait(false)).LastOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        return null;
    }

    private ChildProcess StartChild(string name, StreamWriter log, string[] arguments) =>
        ChildProcess.Start(
            name,
            SelfCommand.FileName,
            SelfCommand.Arguments(_state, arguments),
            (line, _) =>
            {
                lock (log)
                {
                    log.WriteLine(line);
                }
            },
            SelfCommand.Lifeline);

    private static string Ms(TimeSpan span) => $"{span.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms";

    private void Stage(string name, string text)
    {
        _out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.00}s] {name,-9} {text}"));
        _out.Flush();
    }
}
