using Operator.Core.Invariants;

namespace Operator.Core.Tickets;

/// <summary>The durable record of one violation episode of <c>invariant:target</c> on one subject.</summary>
/// <param name="Id">Database id; 0 for a ticket not stored yet.</param>
/// <param name="Subject">The system operated (<c>etcd</c>).</param>
/// <param name="Invariant">Invariant name (<c>member_down</c>).</param>
/// <param name="Target">Node name or <c>cluster</c>.</param>
/// <param name="Node">The node concerned, or null for cluster-wide tickets.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="Severity">Severity of the latest report.</param>
/// <param name="Message">The message of the violation that opened the ticket.</param>
/// <param name="FirstSeenAt">When the ticket was opened.</param>
/// <param name="LastSeenAt">The last monitor cycle that reported the violation.</param>
/// <param name="ResolvedAt">When it was resolved, or null while unresolved.</param>
/// <param name="Occurrences">Number of monitor cycles that reported the violation into this ticket.</param>
/// <param name="Held">Held tickets are not auto-resolved.</param>
/// <param name="Flapping">The violation came and went too often; the ticket resolves only after a stable clear window.</param>
/// <param name="Snapshot">JSON object: the readings at violation time.</param>
/// <param name="Diagnosis">JSON diagnosis, or null before one is stored.</param>
/// <param name="ClearedAt">First cycle of the current clear spell while the ticket stayed unresolved (held or flapping); null while violated.</param>
public sealed record Ticket(
    long Id,
    string Subject,
    string Invariant,
    string Target,
    string? Node,
    TicketStatus Status,
    Severity Severity,
    string Message,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? ResolvedAt,
    long Occurrences,
    bool Held,
    bool Flapping,
    string Snapshot,
    string? Diagnosis,
    DateTimeOffset? ClearedAt)
{
    /// <summary>The dedup key <c>invariant:target</c>.</summary>
    public string Key => $"{Invariant}:{Target}";

    public bool IsResolved => Status == TicketStatus.Resolved;
}
