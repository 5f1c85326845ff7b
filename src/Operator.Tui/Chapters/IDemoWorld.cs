using Operator.Core.Observing;
using Operator.Core.Tickets;
using Operator.Tui.Demo;
using Operator.Tui.State;

namespace Operator.Tui.Chapters;

/// <summary>The demo's world as chapters see it: the same for every chapter.</summary>
public interface IDemoWorld
{
    IDemoCluster Cluster { get; }

    /// <summary>The fault this run injects.</summary>
    DemoFault Fault { get; }

    /// <summary>The diagnosis engine the agent runs, for the narration.</summary>
    string Engine { get; }

    /// <summary>What the chapters found so far (fault, ticket, diagnosis, recovery), for later chapters.</summary>
    DemoRecord Record { get; }

    TimeProvider Time { get; }

    /// <summary>The dashboard's latest observation of the cluster, null before the first.</summary>
    Observation? LatestObservation { get; }

    /// <summary>The workload's latest assessment (baseline and health) and newest point.</summary>
    WorkloadPanelState Workload { get; }

    /// <summary>Starts the monitor and agent daemons as child processes; returns a line saying so.</summary>
    Task<string> StartDaemonsAsync(CancellationToken cancellationToken);

    /// <summary>Starts the workload generator as a child process; returns a line saying so.</summary>
    Task<string> StartLoadAsync(CancellationToken cancellationToken);

    /// <summary>Every ticket in the database, oldest first (empty before the monitor created it).</summary>
    Task<IReadOnlyList<Ticket>> TicketsAsync(CancellationToken cancellationToken);
}
