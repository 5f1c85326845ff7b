using Operator.Core.Invariants;
using Operator.Core.Tickets;

/// <summary>The monitor's writes: <c>steady:cluster</c> violated every cycle, <c>blinking:n1</c> every other cycle.</summary>
internal static class HammerMonitor
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(TicketStore store, int cycles)
    {
        var evaluated = new HashSet<string>(StringComparer.Ordinal) { "steady", "blinking" };
        var snapshot = new Dictionary<string, object?> { ["value"] = 1.0 };
        for (var i = 0; i < cycles; i++)
        {
            var violations = new List<Violation>
            {
                new("steady", "cluster", null, Severity.Warning, "steady is violated", snapshot, Start),
            };
            if (i % 2 == 0)
            {
                violations.Add(new("blinking", "n1", "n1", Severity.Critical, "blinking is violated", snapshot, Start));
            }

            var at = Start.AddSeconds(i);
            await SlowWrites.TimeAsync($"cycle {i}", () => store.ApplyCycleAsync("hammer", violations, evaluated, at, CancellationToken.None));
        }
    }
}
