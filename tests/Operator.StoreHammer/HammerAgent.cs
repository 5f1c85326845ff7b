using System.Globalization;
using Operator.Core.Tickets;

/// <summary>The agent's writes against the monitor's <c>steady</c> ticket: diagnose, hold, unhold, each its own transaction.</summary>
internal static class HammerAgent
{
    public static async Task RunAsync(TicketStore store, int iterations)
    {
        var id = await SteadyTicketAsync(store);
        for (var i = 0; i < iterations; i++)
        {
            var diagnosis = string.Create(CultureInfo.InvariantCulture, $$"""{"iteration":{{i}}}""");
            var at = HammerMonitor.Start.AddSeconds(i);
            await SlowWrites.TimeAsync($"diagnose {i}", () => store.SetDiagnosisAsync(id, diagnosis, at, CancellationToken.None));
            await SlowWrites.TimeAsync($"hold {i}", () => store.HoldAsync(id, CancellationToken.None));
            await SlowWrites.TimeAsync($"unhold {i}", () => store.UnholdAsync(id, CancellationToken.None));
        }
    }

    private static async Task<long> SteadyTicketAsync(TicketStore store)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var tickets = await store.ListAsync(TicketFilter.Unresolved, CancellationToken.None);
            if (tickets.FirstOrDefault(t => t.Invariant == "steady") is { } ticket)
            {
                return ticket.Id;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }

        throw new TimeoutException("the monitor did not open the steady ticket within 30 s");
    }
}
