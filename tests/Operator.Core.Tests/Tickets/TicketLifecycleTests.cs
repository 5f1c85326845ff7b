using Operator.Core.Invariants;
using Operator.Core.Tickets;
using static Operator.Core.Tests.Tickets.TicketSamples;

namespace Operator.Core.Tests.Tickets;

public sealed class TicketLifecycleTests
{
    private readonly TicketLifecycle _lifecycle = new(new TicketPolicy(3, TimeSpan.FromMinutes(10)));

    private Ticket Opened(long id = 7, DateTimeOffset? at = null) =>
        _lifecycle.OnViolation(Subject, MemberDown(), null, TicketKeyHistory.None, at ?? T0).Ticket with { Id = id };

    private static Ticket Resolved(Ticket ticket, DateTimeOffset at) =>
        ticket with { Status = TicketStatus.Resolved, ResolvedAt = at };

    [Fact]
    public void New_violation_opens_ticket_with_one_occurrence()
    {
        var decision = _lifecycle.OnViolation(Subject, MemberDown(), null, TicketKeyHistory.None, T0);

        Assert.Equal(TicketTransition.Opened, decision.Transition);
        Assert.Equal(0, decision.Ticket.Id);
        Assert.Equal(TicketStatus.Open, decision.Ticket.Status);
        Assert.Equal(1, decision.Ticket.Occurrences);
        Assert.Equal(T0, decision.Ticket.FirstSeenAt);
        Assert.Equal(T0, decision.Ticket.LastSeenAt);
        Assert.Equal("member_down:n2", decision.Ticket.Key);
        Assert.Equal([TicketEventKinds.Opened], decision.Events.Select(e => e.Kind));
    }

    [Fact]
    public void Violation_with_unresolved_ticket_refreshes_it_without_events()
    {
        var decision = _lifecycle.OnViolation(Subject, MemberDown(), Opened(), TicketKeyHistory.None, At(1));

        Assert.Equal(TicketTransition.Refreshed, decision.Transition);
        Assert.Equal(2, decision.Ticket.Occurrences);
        Assert.Equal(At(1), decision.Ticket.LastSeenAt);
        Assert.Equal(T0, decision.Ticket.FirstSeenAt);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Refresh_with_other_severity_records_severity_change()
    {
        var decision = _lifecycle.OnViolation(Subject, MemberDown(severity: Severity.Warning), Opened(), TicketKeyHistory.None, At(1));

        Assert.Equal(Severity.Warning, decision.Ticket.Severity);
        var change = Assert.Single(decision.Events);
        Assert.Equal(TicketEventKinds.SeverityChanged, change.Kind);
        Assert.Equal("critical -> warning", change.Detail);
    }

    [Fact]
    public void Openings_below_threshold_open_a_new_ticket()
    {
        var latest = Resolved(Opened(), At(5));

        var decision = _lifecycle.OnViolation(Subject, MemberDown(), null, new TicketKeyHistory(1, latest), At(10));

        Assert.Equal(TicketTransition.Opened, decision.Transition);
        Assert.Equal(0, decision.Ticket.Id);
    }

    [Fact]
    public void Openings_reaching_threshold_reopen_latest_ticket_as_flapping()
    {
        var latest = Resolved(Opened(id: 9), At(5));

        var decision = _lifecycle.OnViolation(Subject, MemberDown(), null, new TicketKeyHistory(2, latest), At(10));

        Assert.Equal(TicketTransition.Reopened, decision.Transition);
        Assert.Equal(9, decision.Ticket.Id);
        Assert.Equal(TicketStatus.Open, decision.Ticket.Status);
        Assert.Null(decision.Ticket.ResolvedAt);
        Assert.True(decision.Ticket.Flapping);
        Assert.Equal(2, decision.Ticket.Occurrences);
        Assert.Equal([TicketEventKinds.Reopened, TicketEventKinds.Flapping], decision.Events.Select(e => e.Kind));
    }

    [Fact]
    public void Cleared_violation_resolves_ticket()
    {
        var decision = _lifecycle.OnClear(Opened(), At(1));

        Assert.Equal(TicketTransition.Resolved, decision.Transition);
        Assert.Equal(At(1), decision.Ticket.ResolvedAt);
        Assert.Equal("auto: violation cleared", Assert.Single(decision.Events).Detail);
    }

    [Fact]
    public void Cleared_held_ticket_stays_open_and_is_noted_once()
    {
        var held = Opened() with { Held = true };

        var first = _lifecycle.OnClear(held, At(1));
        var second = _lifecycle.OnClear(first.Ticket, At(2));

        Assert.Equal(TicketTransition.KeptOpen, first.Transition);
        Assert.Equal(TicketStatus.Open, first.Ticket.Status);
        Assert.Equal(TicketEventKinds.Cleared, Assert.Single(first.Events).Kind);
        Assert.Equal(TicketTransition.Unchanged, second.Transition);
    }

    [Fact]
    public void Cleared_flapping_ticket_resolves_only_after_the_whole_window()
    {
        var flapping = Opened() with { Flapping = true };

        var first = _lifecycle.OnClear(flapping, At(60));
        var during = _lifecycle.OnClear(first.Ticket, At(60 + 599));
        var after = _lifecycle.OnClear(during.Ticket, At(60 + 600));

        Assert.Equal(TicketTransition.KeptOpen, first.Transition);
        Assert.Equal(TicketTransition.Unchanged, during.Transition);
        Assert.Equal(TicketTransition.Resolved, after.Transition);
        Assert.Equal(At(660), after.Ticket.ResolvedAt);
    }

    [Fact]
    public void Plan_leaves_tickets_of_unevaluated_invariants_and_other_subjects_alone()
    {
        var down = Opened(id: 1);
        var leaderless = _lifecycle.OnViolation(Subject, NoLeader(), null, TicketKeyHistory.None, T0).Ticket with { Id = 2 };
        var otherSubject = Opened(id: 3) with { Subject = "tikv" };

        var plan = _lifecycle.PlanCycle(Subject, [], Evaluated("member_down"), [down, leaderless, otherSubject], new Dictionary<string, TicketKeyHistory>(), At(1));

        var only = Assert.Single(plan);
        Assert.Equal(1, only.Ticket.Id);
        Assert.Equal(TicketTransition.Resolved, only.Transition);
    }

    [Fact]
    public void Plan_counts_a_key_reported_twice_in_one_cycle_once()
    {
        var plan = _lifecycle.PlanCycle(Subject, [MemberDown(), MemberDown(message: "again")], Both, [Opened(id: 1)], new Dictionary<string, TicketKeyHistory>(), At(1));

        Assert.Equal(2, Assert.Single(plan).Ticket.Occurrences);
    }

    [Fact]
    public void Resolving_a_resolved_ticket_is_refused()
    {
        var ex = Assert.Throws<OperatorException>(() => TicketLifecycle.Resolve(Resolved(Opened(id: 4), At(1)), "done", At(2)));

        Assert.Equal("ticket 4 is already resolved (at 2026-03-01T12:00:01.000Z); nothing to do", ex.Message);
    }

    [Fact]
    public void Holding_a_resolved_ticket_is_refused_and_holding_twice_changes_nothing()
    {
        Assert.Throws<OperatorException>(() => TicketLifecycle.Hold(Resolved(Opened(), At(1)), At(2)));
        var held = TicketLifecycle.Hold(Opened(), At(1)).Ticket;

        Assert.Equal(TicketTransition.Unchanged, TicketLifecycle.Hold(held, At(2)).Transition);
        Assert.Equal(TicketTransition.Unchanged, TicketLifecycle.Unhold(Opened(), At(2)).Transition);
    }

    [Fact]
    public void Diagnosis_moves_open_to_diagnosed_but_keeps_resolved_resolved()
    {
        Assert.Equal(TicketStatus.Diagnosed, TicketLifecycle.Diagnose(Opened(), "{}", At(1)).Ticket.Status);
        Assert.Equal(TicketStatus.Resolved, TicketLifecycle.Diagnose(Resolved(Opened(), At(1)), "{}", At(2)).Ticket.Status);
    }

    [Fact]
    public void Policy_with_threshold_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TicketLifecycle(new TicketPolicy(0, TimeSpan.FromMinutes(1))));
    }
}
