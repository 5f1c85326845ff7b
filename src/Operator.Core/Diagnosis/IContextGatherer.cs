using Operator.Core.Tickets;

namespace Operator.Core.Diagnosis;

/// <summary>A subject's way of collecting the <see cref="DiagnosisContext"/> for a ticket (fresh observation, logs, process).</summary>
public interface IContextGatherer
{
    Task<DiagnosisContext> GatherAsync(Ticket ticket, IReadOnlyList<Ticket> similarTickets, CancellationToken cancellationToken);
}
