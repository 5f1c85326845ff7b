using Operator.Core.Tickets;
using static Operator.Core.Tests.Tickets.TicketSamples;

namespace Operator.Core.Tests.Tickets;

public sealed class TicketStoreManualTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempDirectory _dir = new();
    private readonly ManualTimeProvider _time = new(At(100));

    public void Dispose() => _dir.Dispose();

    private async Task<(TicketStore Store, Ticket Ticket)> OneOpenTicketAsync()
    {
        var store = await OpenAsync(_dir, time: _time);
        var ticket = Assert.Single((await store.ApplyCycleAsync(Subject, [MemberDown()], Both, T0, None)).Opened);
        return (store, ticket);
    }

    [Fact]
    public async Task Unknown_ticket_id_is_refused_with_a_hint_to_list_them()
    {
        using var store = await OpenAsync(_dir);
        const string Expected = "ticket 42 does not exist; list them with `operator tickets list --status all`";

        Assert.Equal(Expected, (await Assert.ThrowsAsync<OperatorException>(() => store.GetAsync(42, None))).Message);
        Assert.Equal(Expected, (await Assert.ThrowsAsync<OperatorException>(() => store.EventsAsync(42, None))).Message);
        Assert.Equal(Expected, (await Assert.ThrowsAsync<OperatorException>(() => store.ResolveAsync(42, "x", None))).Message);
        Assert.Equal(Expected, (await Assert.ThrowsAsync<OperatorException>(() => store.HoldAsync(42, None))).Message);
        Assert.Equal(Expected, (await Assert.ThrowsAsync<OperatorException>(() => store.UnholdAsync(42, None))).Message);
        Assert.Equal(Expected, (await Assert.ThrowsAsync<OperatorException>(() => store.SetDiagnosisAsync(42, "{}", T0, None))).Message);
    }

    [Fact]
    public async Task Manual_resolve_records_reason_and_time_and_a_second_resolve_is_refused()
    {
        var (store, ticket) = await OneOpenTicketAsync();
        using var _ = store;

        var resolved = await store.ResolveAsync(ticket.Id, "restarted by hand", None);
        var again = await Assert.ThrowsAsync<OperatorException>(() => store.ResolveAsync(ticket.Id, "again", None));

        Assert.Equal(TicketStatus.Resolved, resolved.Status);
        Assert.Equal(At(100), resolved.ResolvedAt);
        var last = (await store.EventsAsync(ticket.Id, None))[^1];
        Assert.Equal((At(100), TicketEventKinds.Resolved, "manual: restarted by hand"), (last.At, last.Kind, last.Detail));
        Assert.Equal($"ticket {ticket.Id} is already resolved (at 2026-03-01T12:01:40.000Z); nothing to do", again.Message);
        Assert.DoesNotContain('\n', again.Message);
    }

    [Fact]
    public async Task Manual_resolve_of_a_held_ticket_clears_the_hold()
    {
        var (store, ticket) = await OneOpenTicketAsync();
        using var _ = store;
        await store.HoldAsync(ticket.Id, None);

        var resolved = await store.ResolveAsync(ticket.Id, string.Empty, None);

        Assert.False(resolved.Held);
        Assert.Equal("manual", (await store.EventsAsync(ticket.Id, None))[^1].Detail);
    }

    [Fact]
    public async Task Holding_a_resolved_ticket_is_refused()
    {
        var (store, ticket) = await OneOpenTicketAsync();
        using var _ = store;
        await store.ApplyCycleAsync(Subject, [], Both, At(1), None);

        var ex = await Assert.ThrowsAsync<OperatorException>(() => store.HoldAsync(ticket.Id, None));

        Assert.Equal($"ticket {ticket.Id} is resolved; only open or diagnosed tickets can be held", ex.Message);
    }

    [Fact]
    public async Task Holding_twice_and_unholding_an_unheld_ticket_write_no_events()
    {
        var (store, ticket) = await OneOpenTicketAsync();
        using var _ = store;

        await store.HoldAsync(ticket.Id, None);
        var held = await store.HoldAsync(ticket.Id, None);
        await store.UnholdAsync(ticket.Id, None);
        await store.UnholdAsync(ticket.Id, None);

        Assert.True(held.Held);
        Assert.Equal(
            [TicketEventKinds.Opened, TicketEventKinds.Held, TicketEventKinds.Unheld],
            (await store.EventsAsync(ticket.Id, None)).Select(e => e.Kind));
    }

    [Fact]
    public async Task Diagnosis_moves_open_ticket_to_diagnosed_and_refresh_keeps_it_diagnosed()
    {
        var (store, ticket) = await OneOpenTicketAsync();
        using var _ = store;

        var diagnosed = await store.SetDiagnosisAsync(ticket.Id, """{"primary":"process killed"}""", At(2), None);
        await store.ApplyCycleAsync(Subject, [MemberDown()], Both, At(3), None);

        Assert.Equal(TicketStatus.Diagnosed, diagnosed.Status);
        var now = await store.GetAsync(ticket.Id, None);
        Assert.Equal(TicketStatus.Diagnosed, now.Status);
        Assert.Equal("""{"primary":"process killed"}""", now.Diagnosis);
        Assert.Equal(2, now.Occurrences);
        var last = (await store.EventsAsync(ticket.Id, None))[^1];
        Assert.Equal((At(2), TicketEventKinds.Diagnosed), (last.At, last.Kind));
    }

    [Fact]
    public async Task Diagnosis_that_is_not_json_is_rejected()
    {
        var (store, ticket) = await OneOpenTicketAsync();
        using var _ = store;

        await Assert.ThrowsAsync<ArgumentException>(() => store.SetDiagnosisAsync(ticket.Id, "not json", At(2), None));
        Assert.Null((await store.GetAsync(ticket.Id, None)).Diagnosis);
    }

    [Fact]
    public async Task List_filters_by_status()
    {
        using var store = await OpenAsync(_dir);
        await store.ApplyCycleAsync(Subject, [MemberDown("n1"), MemberDown("n2"), NoLeader()], Both, T0, None);
        var tickets = await store.ListAsync(TicketFilter.All, None);
        await store.SetDiagnosisAsync(tickets[1].Id, "{}", At(1), None);
        await store.ResolveAsync(tickets[2].Id, "fixed", None);

        Assert.Equal([tickets[0].Id], (await store.ListAsync(TicketFilter.Open, None)).Select(t => t.Id));
        Assert.Equal([tickets[1].Id], (await store.ListAsync(TicketFilter.Diagnosed, None)).Select(t => t.Id));
        Assert.Equal([tickets[2].Id], (await store.ListAsync(TicketFilter.Resolved, None)).Select(t => t.Id));
        Assert.Equal([tickets[0].Id, tickets[1].Id], (await store.ListAsync(TicketFilter.Unresolved, None)).Select(t => t.Id));
        Assert.Equal(3, (await store.ListAsync(TicketFilter.All, None)).Count);
    }

    [Theory]
    [InlineData("open", TicketFilter.Open)]
    [InlineData("diagnosed", TicketFilter.Diagnosed)]
    [InlineData("resolved", TicketFilter.Resolved)]
    [InlineData("unresolved", TicketFilter.Unresolved)]
    [InlineData("ALL", TicketFilter.All)]
    public void Filter_wire_names_parse(string text, TicketFilter expected)
    {
        Assert.True(TicketFilterNames.TryParse(text, out var filter));
        Assert.Equal(expected, filter);
        Assert.Equal(text.ToLowerInvariant(), filter.ToWire());
    }
}
