using Microsoft.Extensions.Time.Testing;
using Operator.Testing;
using Operator.Tui.Chapters;
using Operator.Tui.Tests.Demo;

namespace Operator.Tui.Tests.Chapters;

public sealed class ChapterRunnerTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Advancing_is_refused_while_the_action_runs_and_the_narration_says_so()
    {
        var time = new FakeTimeProvider(Sample.T0);
        var first = new GateChapter("one");
        var second = new GateChapter("two", open: true);
        var runner = new ChapterRunner([first, second], new FakeWorld(time), time, autoAdvance: null);
        runner.Start();
        await Eventually.WaitUntilAsync(() => runner.Narration().Status == "one running", Deadline, "the first action started");

        Assert.True(runner.Busy);
        Assert.False(runner.Advance());
        var narration = runner.Narration();
        Assert.True(narration.Busy);
        Assert.Contains("still working", narration.Keys);
        Assert.Equal(0, runner.Index);

        first.Open();
        await Eventually.WaitUntilAsync(() => !runner.Busy, Deadline, "the first action finished");
        Assert.Equal("one done", runner.Narration().Status);
        Assert.Contains("SPACE/ENTER next", runner.Narration().Keys);
        Assert.True(runner.Advance());
        Assert.Equal(1, runner.Index);
        Assert.Equal("[2/2]", runner.Narration().Progress);
        Assert.Equal("two", runner.Narration().Title);
    }

    [Fact]
    public async Task A_failed_action_is_shown_in_the_narration_and_does_not_block_advancing()
    {
        var time = new FakeTimeProvider(Sample.T0);
        var first = new GateChapter("one");
        var runner = new ChapterRunner([first, new GateChapter("two", open: true)], new FakeWorld(time), time, autoAdvance: null);
        runner.Start();
        first.Fail("a ticket for n1 did not happen within 30s");
        await Eventually.WaitUntilAsync(() => !runner.Busy, Deadline, "the action failed");

        var narration = runner.Narration();
        Assert.True(narration.Failed);
        Assert.Equal("FAILED: a ticket for n1 did not happen within 30s", narration.Status);
        Assert.Equal(["one: a ticket for n1 did not happen within 30s"], runner.Failures());
        Assert.True(runner.Advance());
        Assert.False(runner.Narration().Failed);
    }

    [Fact]
    public async Task Advancing_past_the_last_chapter_finishes_the_run()
    {
        var time = new FakeTimeProvider(Sample.T0);
        var only = new GateChapter("only", open: true);
        var runner = new ChapterRunner([only], new FakeWorld(time), time, autoAdvance: null);
        runner.Start();
        await Eventually.WaitUntilAsync(() => !runner.Busy, Deadline, "the action finished");

        Assert.Contains("to finish", runner.Narration().Keys);
        Assert.False(runner.Finished);
        Assert.True(runner.Advance());
        Assert.True(runner.Finished);
        Assert.False(runner.Advance());
    }

    [Fact]
    public async Task Auto_mode_advances_once_the_chapter_time_has_passed_and_the_action_is_done()
    {
        var time = new FakeTimeProvider(Sample.T0);
        var runner = new ChapterRunner([new GateChapter("one", open: true), new GateChapter("two", open: true)], new FakeWorld(time), time, TimeSpan.FromSeconds(6));
        runner.Start();
        await Eventually.WaitUntilAsync(() => !runner.Busy, Deadline, "the action finished");

        time.Advance(TimeSpan.FromSeconds(5));
        runner.Tick();
        Assert.Equal(0, runner.Index);
        Assert.Contains("next chapter in 1 s", runner.Narration().Keys);

        time.Advance(TimeSpan.FromSeconds(1));
        runner.Tick();
        Assert.Equal(1, runner.Index);
    }

    [Fact]
    public async Task Auto_mode_waits_for_a_slow_action_and_then_keeps_its_result_on_screen_briefly()
    {
        var time = new FakeTimeProvider(Sample.T0);
        var slow = new GateChapter("slow");
        var runner = new ChapterRunner([slow, new GateChapter("next", open: true)], new FakeWorld(time), time, TimeSpan.FromSeconds(6));
        runner.Start();

        time.Advance(TimeSpan.FromSeconds(30));
        runner.Tick();
        Assert.Equal(0, runner.Index); // still busy: the chapter time is long gone, but the action is not done

        slow.Open();
        await Eventually.WaitUntilAsync(() => !runner.Busy, Deadline, "the action finished");
        runner.Tick();
        Assert.Equal(0, runner.Index); // the result stays on screen for the minimum dwell

        time.Advance(ChapterRunner.MinimumDwell);
        runner.Tick();
        Assert.Equal(1, runner.Index);
    }

    [Fact]
    public async Task Stopping_cancels_the_running_action()
    {
        var time = new FakeTimeProvider(Sample.T0);
        var stuck = new GateChapter("stuck");
        var runner = new ChapterRunner([stuck], new FakeWorld(time), time, autoAdvance: null);
        runner.Start();
        await Eventually.WaitUntilAsync(() => runner.Narration().Status == "stuck running", Deadline, "the action started");

        await runner.StopAsync(TimeSpan.FromSeconds(5));

        Assert.False(runner.Busy);
        Assert.False(runner.AnyFailed); // cancelled on quit is not a failure
    }
}
