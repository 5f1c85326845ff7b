using Operator.Core.Observing;
using Operator.Core.Tickets;

namespace Operator.Core.Diagnosis;

/// <summary>Everything an engine may look at for one ticket.</summary>
/// <param name="Ticket">The ticket, with its message and metric snapshot at violation time (JSON).</param>
/// <param name="Now">A fresh observation of the cluster.</param>
/// <param name="NodeLogs">The affected node's last lines (empty for cluster-wide tickets).</param>
/// <param name="PeerLogs">Other nodes' recent lines that mention the affected node (by name, member id or address).</param>
/// <param name="Pid">The affected node's pid, when the deployment knows it.</param>
/// <param name="Process">What the OS says about that process right now.</param>
/// <param name="SimilarTickets">Up to three past tickets of the same invariant (and node, when possible) with their diagnoses.</param>
public sealed record DiagnosisContext(
    Ticket Ticket,
    Observation Now,
    IReadOnlyList<LogLine> NodeLogs,
    IReadOnlyList<LogLine> PeerLogs,
    int? Pid,
    ProcessState Process,
    IReadOnlyList<Ticket> SimilarTickets);
