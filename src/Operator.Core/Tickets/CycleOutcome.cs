namespace Operator.Core.Tickets;

/// <summary>What one monitor cycle did to the tickets.</summary>
/// <param name="Opened">New tickets.</param>
/// <param name="Reopened">Resolved tickets reopened because the violation is flapping.</param>
/// <param name="Resolved">Tickets auto-resolved because their violation cleared.</param>
/// <param name="Refreshed">Unresolved tickets whose violation was reported again.</param>
public sealed record CycleOutcome(
    IReadOnlyList<Ticket> Opened,
    IReadOnlyList<Ticket> Reopened,
    IReadOnlyList<Ticket> Resolved,
    int Refreshed)
{
    public static CycleOutcome Empty { get; } = new([], [], [], 0);
}
