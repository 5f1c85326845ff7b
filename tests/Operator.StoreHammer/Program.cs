using Operator.Core.Tickets;

// Writes to a ticket database the way the monitor (cycles) or the agent (diagnose, hold, unhold) does, so a test can
// run two of these as separate OS processes against one file. Usage: <db> monitor|agent <count>.
// Prints "ready", waits for a line on stdin (the start signal), works, prints "done", exits 0; any failure exits 1.
if (args.Length != 3 || args[1] is not ("monitor" or "agent") || !int.TryParse(args[2], out var count))
{
    Console.Error.WriteLine("usage: Operator.StoreHammer <db> monitor|agent <count>");
    return 2;
}

try
{
    // Flapping off, so the monitor's counts are exact: one blinking ticket per two cycles.
    var policy = new TicketPolicy(int.MaxValue, TimeSpan.FromMinutes(10));
    using var store = await SlowWrites.TimeAsync("open", () => TicketStore.OpenAsync(args[0], policy));
    Console.WriteLine("ready");
    _ = Console.ReadLine();
    if (args[1] == "monitor")
    {
        await HammerMonitor.RunAsync(store, count);
    }
    else
    {
        await HammerAgent.RunAsync(store, count);
    }

    Console.WriteLine("done");
    return 0;
}
catch (Exception ex)
{
    Console.Error.WriteLine(ex.ToString());
    return 1;
}
