using System.Globalization;
using Operator.Core.Invariants;
using Operator.Core.Time;

namespace Operator.Core.Tickets;

/// <summary>
/// The one state machine of tickets: open → (diagnosed) → resolved, with dedup, held, flapping and manual steps.
/// Pure: it decides from the current tickets and what the monitor saw; <see cref="TicketStore"/> executes the
/// decisions in one transaction.
/// </summary>
public sealed class TicketLifecycle
{
    public TicketLifecycle(TicketPolicy policy)
    {
        policy.Validate();
        Policy = policy;
    }

    public TicketPolicy Policy { get; }

    /// <summary>Start of the flap window ending at <paramref name="at"/>.</summary>
    public DateTimeOffset FlapWindowStart(DateTimeOffset at) => at - Policy.FlapWindow;

    /// <summary>One violation per key: the first reported wins, so a cycle counts once per ticket.</summary>
    public static IReadOnlyList<Violation> DistinctByKey(IReadOnlyList<Violation> violations) =>
        violations.DistinctBy(v => v.Key, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Decides one monitor cycle of <paramref name="subject"/>. <paramref name="history"/> must hold every violated key
    /// without an unresolved ticket. Unresolved tickets of invariants not in <paramref name="evaluated"/>, and of other
    /// subjects, are left alone. Unchanged tickets are not returned.
    /// </summary>
    public IReadOnlyList<TicketDecision> PlanCycle(
        string subject,
        IReadOnlyList<Violation> violations,
        IReadOnlySet<string> evaluated,
        IReadOnlyList<Ticket> unresolved,
        IReadOnlyDictionary<string, TicketKeyHistory> history,
        DateTimeOffset at)
    {
        var current = unresolved
            .Where(t => t.Subject == subject && !t.IsResolved)
            .ToDictionary(t => t.Key, StringComparer.Ordinal);
        var seen = DistinctByKey(violations);
        var decisions = new List<TicketDecision>();

        foreach (var violation in seen)
        {
            var ticket = current.GetValueOrDefault(violation.Key);
            var keyHistory = ticket is null
                ? history.GetValueOrDefault(violation.Key)
                    ?? throw new ArgumentException($"no history given for key {violation.Key}", nameof(history))
                : TicketKeyHistory.None;
            decisions.Add(OnViolation(subject, violation, ticket, keyHistory, at));
        }

        var seenKeys = seen.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var ticket in current.Values.OrderBy(t => t.Id))
        {
            if (seenKeys.Contains(ticket.Key) || !evaluated.Contains(ticket.Invariant))
            {
                continue;
            }

            var decision = OnClear(ticket, at);
            if (decision.Transition != TicketTransition.Unchanged)
            {
                decisions.Add(decision);
            }
        }

        return decisions;
    }

    /// <summary>The monitor reported <paramref name="violation"/>; <paramref name="unresolved"/> is its key's open or diagnosed ticket.</summary>
    public TicketDecision OnViolation(string subject, Violation violation, Ticket? unresolved, TicketKeyHistory history, DateTimeOffset at)
    {
        if (unresolved is { } ticket)
        {
            return Refresh(ticket, violation, at);
        }

        var openings = history.RecentOpenings + 1;
        if (openings >= Policy.FlapThreshold && history.Latest is { } latest)
        {
            return Reopen(latest, violation, openings, at);
        }

        var opened = new Ticket(
            Id: 0,
            Subject: subject,
            Invariant: violation.Invariant,
            Target: violation.Target,
            Node: violation.Node,
            Status: TicketStatus.Open,
            Severity: violation.Severity,
            Message: violation.Message,
            FirstSeenAt: at,
            LastSeenAt: at,
            ResolvedAt: null,
            Occurrences: 1,
            Held: false,
            Flapping: false,
            Snapshot: TicketJson.SnapshotToJson(violation.Snapshot),
            Diagnosis: null,
            ClearedAt: null);
        return new(TicketTransition.Opened, opened, [new(at, TicketEventKinds.Opened, violation.Message)]);
    }

    /// <summary>The invariant of unresolved <paramref name="ticket"/> was evaluated and its key is no longer violated.</summary>
    public TicketDecision OnClear(Ticket ticket, DateTimeOffset at)
    {
        if (ticket.IsResolved)
        {
            return TicketDecision.Unchanged(ticket);
        }

        if (ticket.Held)
        {
            return ticket.ClearedAt is null
                ? new(TicketTransition.KeptOpen, ticket with { ClearedAt = at }, [new(at, TicketEventKinds.Cleared, "violation cleared while held; stays open until unheld")])
                : TicketDecision.Unchanged(ticket);
        }

        if (ticket.Flapping)
        {
            var clearSince = ticket.ClearedAt ?? at;
            if (at - clearSince >= Policy.FlapWindow)
            {
                return ResolveAt(ticket, at, $"auto: violation cleared and stayed clear for {Window()} (flapping)");
            }

            return ticket.ClearedAt is null
                ? new(TicketTransition.KeptOpen, ticket with { ClearedAt = at }, [new(at, TicketEventKinds.Cleared, $"violation cleared; flapping, resolves after {Window()} clear")])
                : TicketDecision.Unchanged(ticket);
        }

        return ResolveAt(ticket, at, "auto: violation cleared");
    }

    /// <summary>A person resolves the ticket.</summary>
    public static TicketDecision Resolve(Ticket ticket, string reason, DateTimeOffset at)
    {
        if (ticket.IsResolved)
        {
            throw new OperatorException(
                $"ticket {ticket.Id} is already resolved (at {Timestamps.ToWire(ticket.ResolvedAt)}); nothing to do");
        }

        var why = string.IsNullOrWhiteSpace(reason) ? "manual" : $"manual: {reason.Trim()}";
        return ResolveAt(ticket with { Held = false }, at, why);
    }

    /// <summary>Keep the ticket unresolved even when its violation clears.</summary>
    public static TicketDecision Hold(Ticket ticket, DateTimeOffset at)
    {
        if (ticket.IsResolved)
        {
            throw new OperatorException(
                $"ticket {ticket.Id} is resolved; only open or diagnosed tickets can be held");
        }

        return ticket.Held
            ? TicketDecision.Unchanged(ticket)
            : new(TicketTransition.Held, ticket with { Held = true }, [new(at, TicketEventKinds.Held, "held: will not auto-resolve")]);
    }

    /// <summary>Let the ticket auto-resolve again; if its violation already cleared, the next evaluating cycle resolves it.</summary>
    public static TicketDecision Unhold(Ticket ticket, DateTimeOffset at) =>
        ticket.Held
            ? new(TicketTransition.Unheld, ticket with { Held = false }, [new(at, TicketEventKinds.Unheld, "unheld: auto-resolves once the violation clears")])
            : TicketDecision.Unchanged(ticket);

    /// <summary>Store a diagnosis. Open becomes diagnosed; a ticket resolved meanwhile keeps its status but gets the diagnosis.</summary>
    public static TicketDecision Diagnose(Ticket ticket, string diagnosisJson, DateTimeOffset at)
    {
        var status = ticket.IsResolved ? TicketStatus.Resolved : TicketStatus.Diagnosed;
        var detail = ticket.IsResolved ? "diagnosis stored (ticket already resolved)" : "diagnosis stored";
        return new(
            TicketTransition.Diagnosed,
            ticket with { Status = status, Diagnosis = diagnosisJson },
            [new(at, TicketEventKinds.Diagnosed, detail)]);
    }

    private static TicketDecision Refresh(Ticket ticket, Violation violation, DateTimeOffset at)
    {
        var events = new List<TicketEvent>();
        if (ticket.ClearedAt is { } cleared)
        {
            events.Add(new(at, TicketEventKinds.Returned, $"violation reported again after clearing at {Timestamps.ToWire(cleared)}"));
        }

        if (violation.Severity != ticket.Severity)
        {
            events.Add(new(at, TicketEventKinds.SeverityChanged, $"{ticket.Severity.ToWire()} -> {violation.Severity.ToWire()}"));
        }

        var next = ticket with
        {
            LastSeenAt = at,
            Occurrences = ticket.Occurrences + 1,
            Severity = violation.Severity,
            ClearedAt = null,
        };
        return new(TicketTransition.Refreshed, next, events);
    }

    private TicketDecision Reopen(Ticket latest, Violation violation, int openings, DateTimeOffset at)
    {
        var events = new List<TicketEvent>
        {
            new(at, TicketEventKinds.Reopened, $"violation returned: {violation.Message}"),
        };
        if (!latest.Flapping)
        {
            events.Add(new(at, TicketEventKinds.Flapping, $"opened {openings} times within {Window()}; reopening this ticket instead of opening new ones"));
        }

        var next = latest with
        {
            Status = TicketStatus.Open,
            ResolvedAt = null,
            ClearedAt = null,
            Held = false,
            Flapping = true,
            LastSeenAt = at,
            Occurrences = latest.Occurrences + 1,
            Severity = violation.Severity,
        };
        return new(TicketTransition.Reopened, next, events);
    }

    private static TicketDecision ResolveAt(Ticket ticket, DateTimeOffset at, string detail) =>
        new(
            TicketTransition.Resolved,
            ticket with { Status = TicketStatus.Resolved, ResolvedAt = at, ClearedAt = null },
            [new(at, TicketEventKinds.Resolved, detail)]);

    private string Window() => Policy.FlapWindow.TotalSeconds switch
    {
        < 120 => $"{Policy.FlapWindow.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s",
        _ => $"{Policy.FlapWindow.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture)}m",
    };
}
