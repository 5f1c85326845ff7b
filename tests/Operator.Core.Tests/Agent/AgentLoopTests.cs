using Operator.Core.Agent;
using Operator.Core.Diagnosis;
using Operator.Core.Observing;
using Operator.Core.Tests.Tickets;
using Operator.Core.Tickets;
using static Operator.Core.Tests.Tickets.TicketSamples;

namespace Operator.Core.Tests.Agent;

public sealed class AgentLoopTests
{
    private sealed class StubGatherer : IContextGatherer
    {
        public int Calls { get; private set; }

        public IReadOnlyList<Ticket> LastSimilar { get; private set; } = [];

        public Task<DiagnosisContext> GatherAsync(Ticket ticket, IReadOnlyList<Ticket> similarTickets, CancellationToken cancellationToken)
        {
            Calls++;
            LastSimilar = similarTickets;
            var now = new Observation(T0, "etcd", [], new Dictionary<string, string>(), [], TimeSpan.Zero);
            return Task.FromResult(new DiagnosisContext(ticket, now, [], [], null, ProcessState.Unknown, similarTickets));
        }
    }

    private sealed class StubEngine(Func<DiagnosisContext, Core.Diagnosis.Diagnosis> answer) : IDiagnosisEngine
    {
        public string Name => "stub";

        public Task<Core.Diagnosis.Diagnosis> DiagnoseAsync(DiagnosisContext context, CancellationToken cancellationToken) => Task.FromResult(answer(context));
    }

    private static Core.Diagnosis.Diagnosis Crashed(DiagnosisContext c) => new(
        "process_crashed", c.Ticket.Node, $"{c.Ticket.Node} crashed", "high", 0.9, [new Evidence("probe", "refused")],
        [new Alternative("hung", [], ["refused"], "ruled out"), new Alternative("partition", [], ["pid gone"], "ruled out")],
        "restart it", ["./operator chaos restart n2"], [], "critical", [], [], [], "stub", null, 2, T0);

    private static AgentLoop Loop(TicketStore store, IContextGatherer g, IDiagnosisEngine e, TextWriter output, string id = "a") =>
        new(Subject, store, g, e, TimeProvider.System, output, AgentOptions.Default with { Interval = TimeSpan.FromMilliseconds(20), AgentId = id });

    [Fact]
    public async Task Open_tickets_get_a_stored_diagnosis_and_one_summary_line_each()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir);
        await store.ApplyCycleAsync(Subject, [MemberDown("n2"), MemberDown("n3")], Evaluated("member_down"), At(0), CancellationToken.None);
        var output = new StringWriter();

        var count = await Loop(store, new StubGatherer(), new StubEngine(Crashed), output).RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, count);
        var tickets = await store.ListAsync(TicketFilter.All, CancellationToken.None);
        Assert.All(tickets, t => Assert.Equal(TicketStatus.Diagnosed, t.Status));
        var stored = DiagnosisJson.TryDeserialize(tickets[0].Diagnosis)!;
        Assert.Equal("process_crashed", stored.Cause);
        Assert.Equal("n2", stored.Node);
        Assert.Contains("DIAGNOSED #1 member_down:n2 → process_crashed on n2 (high 0.90) by stub in 2 ms: n2 crashed", output.ToString());
    }

    [Fact]
    public async Task A_failing_engine_releases_the_ticket_and_the_daemon_keeps_going()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir);
        await store.ApplyCycleAsync(Subject, [MemberDown("n2")], Evaluated("member_down"), At(0), CancellationToken.None);
        var fail = true;
        var engine = new StubEngine(c => fail ? throw new InvalidOperationException("model said no") : Crashed(c));
        var output = new StringWriter();
        using var cts = new CancellationTokenSource();
        var run = Loop(store, new StubGatherer(), engine, TextWriter.Synchronized(output)).RunAsync(cts.Token);

        await Testing.Eventually.WaitUntilAsync(() => output.ToString().Contains("model said no", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the failure line");
        fail = false;
        await Testing.Eventually.WaitUntilAsync(() => output.ToString().Contains("DIAGNOSED #1", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the retry to succeed");
        await cts.CancelAsync();
        await run;

        Assert.Contains("WARNING  diagnose ticket #1: model said no (released for a retry)", output.ToString());
        Assert.Contains(await store.EventsAsync(1, CancellationToken.None), e => e.Kind == "released");
        Assert.Contains("agent stopped after 1 diagnoses", output.ToString());
    }

    [Fact]
    public async Task Two_agents_on_one_database_diagnose_each_ticket_exactly_once()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir);
        var violations = Enumerable.Range(1, 12).Select(i => MemberDown($"n{i}")).ToList();
        await store.ApplyCycleAsync(Subject, violations, Evaluated("member_down"), At(0), CancellationToken.None);
        using var other = await OpenAsync(dir);

        var counts = await Task.WhenAll(
            Task.Run(() => Loop(store, new StubGatherer(), new StubEngine(Crashed), TextWriter.Null, "a").RunOnceAsync(CancellationToken.None)),
            Task.Run(() => Loop(other, new StubGatherer(), new StubEngine(Crashed), TextWriter.Null, "b").RunOnceAsync(CancellationToken.None)));

        Assert.Equal(12, counts.Sum());
        foreach (var t in await store.ListAsync(TicketFilter.All, CancellationToken.None))
        {
            Assert.Single(await store.EventsAsync(t.Id, CancellationToken.None), e => e.Kind == "diagnosed");
        }
    }

    [Fact]
    public async Task Similar_past_tickets_reach_the_context()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir);
        var gatherer = new StubGatherer();
        var loop = Loop(store, gatherer, new StubEngine(Crashed), TextWriter.Null);
        await store.ApplyCycleAsync(Subject, [MemberDown("n2")], Evaluated("member_down"), At(0), CancellationToken.None);
        await loop.RunOnceAsync(CancellationToken.None);
        await store.ApplyCycleAsync(Subject, [], Evaluated("member_down"), At(1), CancellationToken.None);
        await store.ApplyCycleAsync(Subject, [MemberDown("n2")], Evaluated("member_down"), At(2), CancellationToken.None);

        await loop.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, Assert.Single(gatherer.LastSimilar).Id);
    }
}
