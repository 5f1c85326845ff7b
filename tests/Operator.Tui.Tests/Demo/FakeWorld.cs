using Operator.Core.Observing;
using Operator.Core.Tickets;
using Operator.Tui.Chapters;
using Operator.Tui.Demo;
using Operator.Tui.State;

namespace Operator.Tui.Tests.Demo;

/// <summary>The demo's world with settable tickets, workload and observation; records status and countdown changes.</summary>
internal sealed class FakeWorld : IChapterContext
{
    public FakeWorld(TimeProvider time)
    {
        Time = time;
        Cluster = new FakeCluster(time);
    }

    public FakeCluster FakeCluster => (FakeCluster)Cluster;

    public IDemoCluster Cluster { get; }

    public DemoFault Fault { get; set; } = DemoFault.KillLeader;

    public string Engine => "rules";

    public DemoRecord Record { get; } = new();

    public TimeProvider Time { get; }

    public Observation? LatestObservation { get; set; } = Sample.Healthy();

    public WorkloadPanelState Workload { get; set; } = WorkloadPanelState.NotStarted;

    public List<Ticket> Tickets { get; } = [];

    public List<string> Statuses { get; } = [];

    public List<string?> Countdowns { get; } = [];

    public int LoadStarts { get; private set; }

    public void Status(string text)
    {
        lock (Statuses)
        {
            Statuses.Add(text);
        }
    }

    public void Countdown(string? text)
    {
        lock (Countdowns)
        {
            Countdowns.Add(text);
        }
    }

    public Task<string> StartDaemonsAsync(CancellationToken cancellationToken) => Task.FromResult("monitor (pid 1) and agent (pid 2) running");

    public Task<string> StartLoadAsync(CancellationToken cancellationToken)
    {
        LoadStarts++;
        return Task.FromResult("load generator running (pid 3)");
    }

    public Task<IReadOnlyList<Ticket>> TicketsAsync(CancellationToken cancellationToken)
    {
        lock (Tickets)
        {
            return Task.FromResult<IReadOnlyList<Ticket>>(Tickets.ToList());
        }
    }
}
