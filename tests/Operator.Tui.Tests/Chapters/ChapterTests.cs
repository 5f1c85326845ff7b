using Microsoft.Extensions.Time.Testing;
using Operator.Core.Diagnosis;
using Operator.Core.Tickets;
using Operator.Testing;
using Operator.Tui.Chapters;
using Operator.Tui.Demo;
using Operator.Tui.State;
using Operator.Tui.Tests.Demo;

namespace Operator.Tui.Tests.Chapters;

public sealed class ChapterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Fault_chapter_counts_down_three_two_one_before_injecting()
    {
        var time = new FakeTimeProvider(Sample.T0);
        var world = new FakeWorld(time);
        var run = new FaultChapter(DemoFault.KillLeader, EtcdStory.Instance).RunAsync(world, CancellationToken.None);

        await Eventually.WaitUntilAsync(() => world.Countdowns.Count == 1, Deadline, "the countdown started");
        Assert.Equal("Injecting fault in 3…", world.Countdowns[^1]);
        Assert.Empty(world.FakeCluster.Calls);

        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.WaitUntilAsync(() => world.Countdowns.Count == 2, Deadline, "the countdown reached 2");
        Assert.Equal("Injecting fault in 2…", world.Countdowns[^1]);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.WaitUntilAsync(() => world.Countdowns.Count == 3, Deadline, "the countdown reached 1");
        Assert.Equal("Injecting fault in 1…", world.Countdowns[^1]);
        Assert.Empty(world.FakeCluster.Calls);

        time.Advance(TimeSpan.FromSeconds(1));
        await run.WaitAsync(Deadline);
        Assert.Null(world.Countdowns[^1]);
        Assert.Equal(["inject kill-leader"], world.FakeCluster.Calls);
        Assert.Equal("n1", world.Record.Fault!.Node);
        Assert.StartsWith("n1 (the leader, pid 4242) killed with SIGKILL at ", world.Statuses[^1]);
    }

    [Fact]
    public async Task Detection_takes_the_first_ticket_for_the_faulty_node_opened_after_the_fault()
    {
        var time = new FakeTimeProvider(Sample.T0);
        var world = new FakeWorld(time);
        world.Record.Fault = new InjectedFault(DemoFault.KillLeader, "n1", 7, Sample.T0, "n1 killed");
        world.Tickets.Add(Sample.Ticket(1, "n1", Sample.T0.AddMinutes(-5), TicketStatus.Resolved, resolvedAt: Sample.T0.AddMinutes(-4)));
        world.Tickets.Add(Sample.Ticket(2, "n2", Sample.T0.AddMilliseconds(10)));
        world.Tickets.Add(Sample.Ticket(3, "n1", Sample.T0.AddMilliseconds(38)));

        await new DetectionChapter(EtcdStory.Instance).RunAsync(world, CancellationToken.None);

        Assert.Equal(3, world.Record.Ticket!.Id);
        Assert.Equal("ticket #3 member_down:n1 [critical] opened 38 ms after the fault", world.Statuses[^1]);
    }

    [Fact]
    public async Task Detection_fails_with_a_clear_reason_when_no_ticket_comes()
    {
        var time = new FakeTimeProvider(Sample.T0);
        var world = new FakeWorld(time);
        world.Record.Fault = new InjectedFault(DemoFault.KillLeader, "n1", 7, Sample.T0, "n1 killed");
        var run = new DetectionChapter(EtcdStory.Instance).RunAsync(world, CancellationToken.None);

        for (var i = 0; i < 400 && !run.IsCompleted; i++)
        {
            time.Advance(Waiting.PollInterval);
            await Task.Yield();
            await Task.Delay(1);
        }

        var failure = await Assert.ThrowsAsync<ChapterFailedException>(() => run.WaitAsync(Deadline));
        Assert.Equal("a ticket for n1 did not happen within 30s", failure.Message);
    }

    [Fact]
    public async Task Diagnosis_chapter_reports_the_stored_cause_and_how_long_it_took()
    {
        var time = new FakeTimeProvider(Sample.T0);
        var world = new FakeWorld(time);
        var ticket = Sample.Ticket(3, "n1", Sample.T0);
        world.Record.Ticket = ticket;
        var diagnosis = new Diagnosis(
            "process_crashed", "n1", "n1's process is gone and its port refuses connections.", "high", 0.92, [], [], "restart n1", [], [], "critical",
            [], [], [], "rules", null, 2, Sample.T0.AddMilliseconds(320));
        world.Tickets.Add(ticket with { Status = TicketStatus.Diagnosed, Diagnosis = DiagnosisJson.Serialize(diagnosis) });

        await new DiagnosisChapter("rules").RunAsync(world, CancellationToken.None);

        Assert.Equal("process_crashed", world.Record.Diagnosis!.Cause);
        Assert.Equal("process_crashed on n1 (high 0.92) by rules, 320 ms after the ticket: n1's process is gone and its port refuses connections.", world.Statuses[^1]);
    }

    [Fact]
    public async Task Recovery_recovers_the_node_then_waits_for_the_auto_resolve_and_a_healthy_workload()
    {
        var time = new FakeTimeProvider(Sample.T0);
        var world = new FakeWorld(time);
        world.Record.Fault = new InjectedFault(DemoFault.KillLeader, "n1", 7, Sample.T0, "n1 killed");
        world.Record.Ticket = Sample.Ticket(3, "n1", Sample.T0);
        world.Tickets.Add(world.Record.Ticket with { Status = TicketStatus.Resolved, ResolvedAt = Sample.T0.AddSeconds(2) });
        var points = Enumerable.Range(1, 10).Select(s => new WorkloadPoint(s, 400, 3, 0)).ToList();
        world.Workload = WorkloadPanelState.NotStarted with { Points = points, Assessment = WorkloadAssessment.Assess(points) };

        await new RecoveryChapter(DemoFault.KillLeader, EtcdStory.Instance).RunAsync(world, CancellationToken.None);

        Assert.Equal(["recover n1"], world.FakeCluster.Calls);
        Assert.Equal(Sample.T0.AddSeconds(2), world.Record.ResolvedAt);
        Assert.True(world.Record.WorkloadRecovered);
        Assert.EndsWith("workload back to green", world.Statuses[^1]);
    }

    [Fact]
    public async Task Later_chapters_say_plainly_when_an_earlier_step_is_missing()
    {
        var world = new FakeWorld(new FakeTimeProvider(Sample.T0));
        var detection = await Assert.ThrowsAsync<ChapterFailedException>(() => new DetectionChapter(EtcdStory.Instance).RunAsync(world, CancellationToken.None));
        var diagnosis = await Assert.ThrowsAsync<ChapterFailedException>(() => new DiagnosisChapter("rules").RunAsync(world, CancellationToken.None));
        Assert.Contains("no fault was injected", detection.Message);
        Assert.Contains("no ticket was opened", diagnosis.Message);
    }

    [Fact]
    public void Summary_gives_the_time_from_fault_to_ticket_to_diagnosis_to_resolve()
    {
        var record = new DemoRecord
        {
            Fault = new InjectedFault(DemoFault.KillLeader, "n1", 7, Sample.T0, "n1 killed"),
            Ticket = Sample.Ticket(3, "n1", Sample.T0.AddMilliseconds(38)),
            Diagnosis = new Diagnosis("process_crashed", "n1", "gone", "high", 0.9, [], [], "", [], [], "critical", [], [], [], "rules", null, 1, Sample.T0.AddMilliseconds(358)),
            RecoveryStartedAt = Sample.T0.AddSeconds(10),
            ResolvedAt = Sample.T0.AddSeconds(12.5),
        };

        Assert.Equal(
            "detected in 38ms (ticket #3 member_down:n1) · diagnosed process_crashed in 320ms by rules · resolved 2.5s after the recovery · see `operator tickets show 3`",
            CompleteChapter.Summary(record));
        Assert.True(record.Succeeded);
    }

    [Fact]
    public void Chapters_tell_the_story_of_the_subject_they_are_given()
    {
        var story = new StubStory();
        var chapters = DemoChapters.For(DemoFault.Pause, "rules", story);

        Assert.Contains("the stub cluster", chapters[0].Text, StringComparison.Ordinal);
        Assert.Equal(["health", "load", "fault pause", "detection"], chapters.Skip(1).Take(4).Select(c => c.Text));
        Assert.Equal("fault watch", chapters[3].Watch);
        Assert.Equal("recovery pause", chapters[6].Text);
        Assert.Contains("SIGSTOP", DemoChapters.For(DemoFault.Pause, "rules", EtcdStory.Instance)[3].Text, StringComparison.Ordinal);
    }

    private sealed class StubStory : IDemoStory
    {
        public string Cluster => "the stub cluster";

        public string Health => "health";

        public string Load => "load";

        public string FaultWatch => "fault watch";

        public string Detection => "detection";

        public string Fault(DemoFault fault) => "fault " + fault.ToWire();

        public string Recovery(DemoFault fault) => "recovery " + fault.ToWire();
    }
}
