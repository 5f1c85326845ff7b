using System.Diagnostics;
using Operator.Core.Tickets;
using Xunit.Abstractions;

namespace Operator.Core.Tests.Tickets;

/// <summary>A monitor-like and an agent-like process write the same file at once; nothing may be lost or locked out.</summary>
public sealed class TicketStoreCrossProcessTests(ITestOutputHelper output) : IDisposable
{
    private const int MonitorCycles = 300;
    private const int AgentIterations = 100;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Process StartHammer(string db, string role, int count)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Operator.StoreHammer.dll"), db, role, count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"could not start the {role} hammer");
    }

    [Fact]
    public async Task Monitor_and_agent_processes_writing_one_file_lose_nothing_and_never_fail_on_locks()
    {
        var db = _dir.File("operator.db");
        using var timeout = new CancellationTokenSource(Deadline);
        using var monitor = StartHammer(db, "monitor", MonitorCycles);
        using var agent = StartHammer(db, "agent", AgentIterations);
        try
        {
            // Both have opened (and raced to create) the database; release them together.
            Assert.Equal("ready", await monitor.StandardOutput.ReadLineAsync(timeout.Token));
            Assert.Equal("ready", await agent.StandardOutput.ReadLineAsync(timeout.Token));
            await monitor.StandardInput.WriteLineAsync("go");
            await agent.StandardInput.WriteLineAsync("go");
            monitor.StandardInput.Close();
            agent.StandardInput.Close();

            var monitorErrors = monitor.StandardError.ReadToEndAsync(timeout.Token);
            var agentErrors = agent.StandardError.ReadToEndAsync(timeout.Token);
            await Task.WhenAll(monitor.WaitForExitAsync(timeout.Token), agent.WaitForExitAsync(timeout.Token));

            output.WriteLine($"monitor stderr:\n{await monitorErrors}\nagent stderr:\n{await agentErrors}");
            Assert.DoesNotContain("database is locked", await monitorErrors, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("database is locked", await agentErrors, StringComparison.OrdinalIgnoreCase);
            Assert.True(monitor.ExitCode == 0, $"monitor exited {monitor.ExitCode}: {await monitorErrors}");
            Assert.True(agent.ExitCode == 0, $"agent exited {agent.ExitCode}: {await agentErrors}");
        }
        finally
        {
            foreach (var process in new[] { monitor, agent }.Where(p => !p.HasExited))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        using var store = await TicketStore.OpenAsync(db, ct: CancellationToken.None);
        var tickets = await store.ListAsync(TicketFilter.All, CancellationToken.None);
        var steady = Assert.Single(tickets, t => t.Invariant == "steady");
        var blinking = tickets.Where(t => t.Invariant == "blinking").ToList();
        var steadyKinds = (await store.EventsAsync(steady.Id, CancellationToken.None)).GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(MonitorCycles, steady.Occurrences);
        Assert.Equal(TicketStatus.Diagnosed, steady.Status);
        Assert.False(steady.Held);
        Assert.Equal($$"""{"iteration":{{AgentIterations - 1}}}""", steady.Diagnosis);
        Assert.Equal(1, steadyKinds[TicketEventKinds.Opened]);
        Assert.Equal(AgentIterations, steadyKinds[TicketEventKinds.Diagnosed]);
        Assert.Equal(AgentIterations, steadyKinds[TicketEventKinds.Held]);
        Assert.Equal(AgentIterations, steadyKinds[TicketEventKinds.Unheld]);
        Assert.Equal(4, steadyKinds.Count);
        Assert.Equal(MonitorCycles / 2, blinking.Count);
        Assert.All(blinking, t => Assert.Equal((TicketStatus.Resolved, 1L), (t.Status, t.Occurrences)));
    }
}
