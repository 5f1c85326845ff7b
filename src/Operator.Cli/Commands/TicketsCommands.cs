using System.CommandLine;
using Operator.Core.Tickets;

namespace Operator.Cli.Commands;

/// <summary><c>operator tickets list|show|resolve|hold|unhold</c>.</summary>
internal static class TicketsCommands
{
    public static Command Build()
    {
        var tickets = new Command("tickets", "List, inspect and manage tickets");
        tickets.Add(List());
        tickets.Add(Show());
        tickets.Add(Change("resolve", "Resolve a ticket by hand", (s, id, ct) => s.ResolveAsync(id, "manual: operator tickets resolve", ct), t => $"ticket #{t.Id} resolved"));
        tickets.Add(Change("hold", "Keep a ticket open even after its violation clears", (s, id, ct) => s.HoldAsync(id, ct), t => $"ticket #{t.Id} is held; it stays open until `operator tickets unhold {t.Id}`"));
        tickets.Add(Change("unhold", "Let a held ticket auto-resolve again", (s, id, ct) => s.UnholdAsync(id, ct), t => $"ticket #{t.Id} is no longer held; it resolves once its violation is clear"));
        return tickets;
    }

    private static Command List()
    {
        var status = new Option<string>("--status")
        {
            Description = $"Which tickets ({TicketFilterNames.Choices}); unresolved means open or diagnosed",
            DefaultValueFactory = _ => "unresolved",
        };
        status.Validators.Add(r =>
        {
            if (!TicketFilterNames.TryParse(r.GetValueOrDefault<string>(), out _))
            {
                r.AddError($"--status must be one of {TicketFilterNames.Choices}");
            }
        });
        var json = Options.Json();
        var command = new Command("list", "List tickets, oldest first") { status, json };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                TicketFilterNames.TryParse(parse.GetValue(status), out var filter);
                using var store = await Wiring.OpenExistingStoreAsync(Options.State(parse), ct).ConfigureAwait(false);
                var tickets = store is null ? [] : await store.ListAsync(filter, ct).ConfigureAwait(false);
                Console.Write(parse.GetValue(json) ? TicketJson.ToJson(tickets, indented: true) + Environment.NewLine : TicketView.List(tickets, filter));
                return 0;
            },
            ct));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<long>("id") { Description = "Ticket number" };
        var json = Options.Json();
        var command = new Command("show", "Show one ticket with its snapshot and history") { id, json };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                using var store = await Wiring.RequireStoreAsync(Options.State(parse), ct).ConfigureAwait(false);
                var ticket = await store.GetAsync(parse.GetValue(id), ct).ConfigureAwait(false);
                var events = await store.EventsAsync(ticket.Id, ct).ConfigureAwait(false);
                Console.Write(parse.GetValue(json) ? TicketJson.ToJson(ticket, events, indented: true) + Environment.NewLine : TicketView.Show(ticket, events));
                return 0;
            },
            ct));
        return command;
    }

    private static Command Change(string name, string description, Func<TicketStore, long, CancellationToken, Task<Ticket>> change, Func<Ticket, string> done)
    {
        var id = new Argument<long>("id") { Description = "Ticket number" };
        var command = new Command(name, description) { id };
        command.SetAction((parse, ct) => Run.Guarded(
            async () =>
            {
                using var store = await Wiring.RequireStoreAsync(Options.State(parse), ct).ConfigureAwait(false);
                var ticket = await change(store, parse.GetValue(id), ct).ConfigureAwait(false);
                Console.WriteLine(done(ticket));
                return 0;
            },
            ct));
        return command;
    }
}
