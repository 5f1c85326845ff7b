using Operator.Core.Invariants;
using Operator.Core.Tickets;
using static Operator.Core.Tests.Tickets.TicketSamples;

namespace Operator.Core.Tests.Tickets;

public sealed class TicketStoreCycleTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<IReadOnlyList<string>> KindsAsync(TicketStore store, long id) =>
        (await store.EventsAsync(id, None)).Select(e => e.Kind).ToList();

    [Fact]
    public async Task First_violation_opens_ticket_with_snapshot_and_opened_event()
    {
        using var store = await OpenAsync(_dir);

        var outcome = await store.ApplyCycleAsync(Subject, [MemberDown()], Both, T0, None);

        var ticket = Assert.Single(outcome.Opened);
        Assert.Equal(ticket, await store.GetAsync(ticket.Id, None));
        Assert.Equal(("etcd", "member_down", "n2", "n2"), (ticket.Subject, ticket.Invariant, ticket.Target, ticket.Node));
        Assert.Equal("""{"reachable":false,"members":3}""", ticket.Snapshot);
        Assert.Equal([TicketEventKinds.Opened], await KindsAsync(store, ticket.Id));
    }

    [Fact]
    public async Task Returned_ticket_equals_stored_ticket_even_for_sub_millisecond_local_times()
    {
        using var store = await OpenAsync(_dir);
        var at = new DateTimeOffset(2026, 3, 1, 13, 0, 0, TimeSpan.FromHours(1)).AddTicks(12_345_678);

        var opened = Assert.Single((await store.ApplyCycleAsync(Subject, [MemberDown()], Both, at, None)).Opened);

        Assert.Equal(opened, await store.GetAsync(opened.Id, None));
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 12, 0, 1, 234, TimeSpan.Zero), opened.FirstSeenAt);
        Assert.Equal(TimeSpan.Zero, opened.FirstSeenAt.Offset);
    }

    [Fact]
    public async Task Second_violation_of_same_key_refreshes_instead_of_opening()
    {
        using var store = await OpenAsync(_dir);
        var first = Assert.Single((await store.ApplyCycleAsync(Subject, [MemberDown()], Both, T0, None)).Opened);

        var outcome = await store.ApplyCycleAsync(Subject, [MemberDown(message: "changed")], Both, At(1), None);
        await store.ApplyCycleAsync(Subject, [MemberDown()], Both, At(2), None);

        Assert.Empty(outcome.Opened);
        Assert.Equal(1, outcome.Refreshed);
        var ticket = Assert.Single(await store.ListAsync(TicketFilter.All, None));
        Assert.Equal(first.Id, ticket.Id);
        Assert.Equal(3, ticket.Occurrences);
        Assert.Equal(T0, ticket.FirstSeenAt);
        Assert.Equal(At(2), ticket.LastSeenAt);
        Assert.Equal(first.Message, ticket.Message);
        Assert.Equal(first.Snapshot, ticket.Snapshot);
        Assert.Equal([TicketEventKinds.Opened], await KindsAsync(store, ticket.Id));
    }

    [Fact]
    public async Task Severity_change_on_refresh_updates_ticket_and_records_one_event()
    {
        using var store = await OpenAsync(_dir);
        await store.ApplyCycleAsync(Subject, [MemberDown(severity: Severity.Warning)], Both, T0, None);

        await store.ApplyCycleAsync(Subject, [MemberDown(severity: Severity.Critical)], Both, At(1), None);
        await store.ApplyCycleAsync(Subject, [MemberDown(severity: Severity.Critical)], Both, At(2), None);

        var ticket = Assert.Single(await store.ListAsync(TicketFilter.All, None));
        Assert.Equal(Severity.Critical, ticket.Severity);
        Assert.Equal([TicketEventKinds.Opened, TicketEventKinds.SeverityChanged], await KindsAsync(store, ticket.Id));
    }

    [Fact]
    public async Task Cleared_violation_of_evaluated_invariant_auto_resolves()
    {
        using var store = await OpenAsync(_dir);
        var opened = Assert.Single((await store.ApplyCycleAsync(Subject, [MemberDown()], Both, T0, None)).Opened);

        var outcome = await store.ApplyCycleAsync(Subject, [], Both, At(1), None);

        var resolved = Assert.Single(outcome.Resolved);
        Assert.Equal(opened.Id, resolved.Id);
        Assert.Equal(TicketStatus.Resolved, resolved.Status);
        Assert.Equal(At(1), resolved.ResolvedAt);
        Assert.Equal(resolved, await store.GetAsync(opened.Id, None));
        var last = (await store.EventsAsync(opened.Id, None))[^1];
        Assert.Equal((TicketEventKinds.Resolved, "auto: violation cleared"), (last.Kind, last.Detail));
    }

    [Fact]
    public async Task Violation_after_resolution_opens_a_new_ticket()
    {
        using var store = await OpenAsync(_dir);
        await store.ApplyCycleAsync(Subject, [MemberDown()], Both, T0, None);
        await store.ApplyCycleAsync(Subject, [], Both, At(1), None);

        var outcome = await store.ApplyCycleAsync(Subject, [MemberDown()], Both, At(2), None);

        Assert.Single(outcome.Opened);
        Assert.Equal(2, (await store.ListAsync(TicketFilter.All, None)).Count);
    }

    [Fact]
    public async Task Tickets_of_invariants_not_evaluated_are_left_alone()
    {
        using var store = await OpenAsync(_dir);
        await store.ApplyCycleAsync(Subject, [MemberDown(), NoLeader()], Both, T0, None);

        var outcome = await store.ApplyCycleAsync(Subject, [], Evaluated("no_leader"), At(1), None);

        Assert.Equal("no_leader", Assert.Single(outcome.Resolved).Invariant);
        var open = Assert.Single(await store.ListAsync(TicketFilter.Open, None));
        Assert.Equal("member_down", open.Invariant);
        Assert.Equal(T0, open.LastSeenAt);
        Assert.Equal(1, open.Occurrences);
    }

    [Fact]
    public async Task Tickets_of_other_subjects_are_left_alone()
    {
        using var store = await OpenAsync(_dir);
        await store.ApplyCycleAsync("tikv", [MemberDown()], Both, T0, None);

        var outcome = await store.ApplyCycleAsync(Subject, [MemberDown()], Both, At(1), None);
        await store.ApplyCycleAsync(Subject, [], Both, At(2), None);

        Assert.Single(outcome.Opened);
        var open = Assert.Single(await store.ListAsync(TicketFilter.Open, None));
        Assert.Equal("tikv", open.Subject);
        Assert.Equal(1, open.Occurrences);
    }

    [Fact]
    public async Task Held_ticket_is_not_auto_resolved_and_resolves_after_unhold()
    {
        using var store = await OpenAsync(_dir);
        var ticket = Assert.Single((await store.ApplyCycleAsync(Subject, [MemberDown()], Both, T0, None)).Opened);
        await store.HoldAsync(ticket.Id, None);

        var whileHeld1 = await store.ApplyCycleAsync(Subject, [], Both, At(1), None);
        var whileHeld2 = await store.ApplyCycleAsync(Subject, [], Both, At(2), None);
        var unheld = await store.UnholdAsync(ticket.Id, None);
        var after = await store.ApplyCycleAsync(Subject, [], Both, At(3), None);

        Assert.Empty(whileHeld1.Resolved);
        Assert.Empty(whileHeld2.Resolved);
        Assert.Equal(TicketStatus.Open, unheld.Status);
        Assert.False(unheld.Held);
        Assert.Equal(ticket.Id, Assert.Single(after.Resolved).Id);
        Assert.Equal(
            [TicketEventKinds.Opened, TicketEventKinds.Held, TicketEventKinds.Cleared, TicketEventKinds.Unheld, TicketEventKinds.Resolved],
            await KindsAsync(store, ticket.Id));
    }

    [Fact]
    public async Task Flapping_violation_reopens_latest_ticket_instead_of_opening_new()
    {
        using var store = await OpenAsync(_dir, new TicketPolicy(3, TimeSpan.FromMinutes(10)));
        await store.ApplyCycleAsync(Subject, [MemberDown()], Both, At(0), None);
        await store.ApplyCycleAsync(Subject, [], Both, At(10), None);
        await store.ApplyCycleAsync(Subject, [MemberDown()], Both, At(20), None);
        await store.ApplyCycleAsync(Subject, [], Both, At(30), None);

        var third = await store.ApplyCycleAsync(Subject, [MemberDown()], Both, At(40), None);
        await store.ApplyCycleAsync(Subject, [], Both, At(50), None);
        var back = await store.ApplyCycleAsync(Subject, [MemberDown()], Both, At(60), None);

        var tickets = await store.ListAsync(TicketFilter.All, None);
        Assert.Equal(2, tickets.Count);
        Assert.Empty(third.Opened);
        var reopened = Assert.Single(third.Reopened);
        Assert.Equal(tickets[1].Id, reopened.Id);
        Assert.True(reopened.Flapping);
        Assert.Equal(TicketStatus.Open, reopened.Status);
        Assert.Null(reopened.ResolvedAt);
        Assert.Equal(1, back.Refreshed);
        Assert.Equal(3, (await store.GetAsync(reopened.Id, None)).Occurrences);
        Assert.Equal(
            [TicketEventKinds.Opened, TicketEventKinds.Resolved, TicketEventKinds.Reopened, TicketEventKinds.Flapping,
             TicketEventKinds.Cleared, TicketEventKinds.Returned],
            await KindsAsync(store, reopened.Id));
    }

    [Fact]
    public async Task Flapping_ticket_stays_open_until_violation_stays_clear_for_the_window()
    {
        using var store = await OpenAsync(_dir, new TicketPolicy(2, TimeSpan.FromMinutes(10)));
        await store.ApplyCycleAsync(Subject, [MemberDown()], Both, At(0), None);
        await store.ApplyCycleAsync(Subject, [], Both, At(10), None);
        var flapping = Assert.Single((await store.ApplyCycleAsync(Subject, [MemberDown()], Both, At(20), None)).Reopened);

        var cleared = await store.ApplyCycleAsync(Subject, [], Both, At(30), None);
        var almost = await store.ApplyCycleAsync(Subject, [], Both, At(30 + 599), None);
        var stable = await store.ApplyCycleAsync(Subject, [], Both, At(30 + 600), None);

        Assert.Empty(cleared.Resolved);
        Assert.Empty(almost.Resolved);
        Assert.Equal(flapping.Id, Assert.Single(stable.Resolved).Id);
        Assert.Equal(At(630), (await store.GetAsync(flapping.Id, None)).ResolvedAt);
    }

    [Fact]
    public async Task Openings_older_than_the_window_do_not_count_as_flapping()
    {
        using var store = await OpenAsync(_dir, new TicketPolicy(2, TimeSpan.FromMinutes(1)));
        await store.ApplyCycleAsync(Subject, [MemberDown()], Both, At(0), None);
        await store.ApplyCycleAsync(Subject, [], Both, At(1), None);

        var later = await store.ApplyCycleAsync(Subject, [MemberDown()], Both, At(61), None);

        Assert.Single(later.Opened);
        Assert.Empty(later.Reopened);
    }
}
