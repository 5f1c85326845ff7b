using Operator.Eval.Runs;
using Operator.Eval.Scoring;
using Operator.Testing;

namespace Operator.Eval.Tests;

public sealed class EvalRunStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Run_info_and_trials_round_trip_and_a_saved_trial_replaces_its_earlier_copy()
    {
        using var dir = new TempStateDir();
        var store = await EvalRunStore.OpenAsync(dir.Path, CancellationToken.None);
        Assert.Null(await store.InfoAsync(CancellationToken.None));

        var info = new EvalRunInfo("run1", T0, "rules", ["kill-leader", "nospace"], 2, "running", null);
        await store.SaveInfoAsync(info, CancellationToken.None);
        Assert.Equal(info.Faults, (await store.InfoAsync(CancellationToken.None))!.Faults);

        var detected = new TrialRecord(
            new GroundTruth("kill-leader", "n2", "process_crashed", "member_down"),
            1,
            T0,
            new TrialTicket(7, "member_down", "n2", T0.AddMilliseconds(120)),
            new TrialDiagnosis("process_crashed", "n2", 0.9, T0.AddMilliseconds(600)),
            T0.AddSeconds(3),
            2,
            false);
        var tickets = new List<TrialTicketRow>
        {
            new(7, "member_down", "n2", "n2", T0.AddMilliseconds(120), T0.AddSeconds(3), """{"cause":"process_crashed"}"""),
            new(8, "no_leader", "cluster", null, T0.AddSeconds(1), T0.AddSeconds(2), null),
        };
        await store.SaveTrialAsync(new StoredTrial(detected, null, tickets), CancellationToken.None);
        var missed = new TrialRecord(new GroundTruth("nospace", null, "disk_full", "alarm_active"), 1, T0, null, null, null, 0, true);
        await store.SaveTrialAsync(new StoredTrial(missed, "not recovered", []), CancellationToken.None);
        await store.SaveTrialAsync(new StoredTrial(missed with { Contaminated = false }, null, []), CancellationToken.None);

        var reopened = await EvalRunStore.OpenAsync(dir.Path, CancellationToken.None);
        var trials = await reopened.TrialsAsync(CancellationToken.None);
        Assert.Equal(2, trials.Count);
        Assert.Equal(detected, trials[0].Record);
        Assert.Equal(tickets, trials[0].Tickets);
        Assert.Equal(missed with { Contaminated = false }, trials[1].Record);
        Assert.Null(trials[1].Note);
        Assert.True(EvalRunStore.ExistsIn(dir.Path));
    }

    [Fact]
    public async Task A_file_that_is_not_sqlite_is_a_one_line_error()
    {
        using var dir = new TempStateDir();
        await File.WriteAllTextAsync(Path.Combine(dir.Path, EvalRunStore.FileName), "not a database, just text that is long enough to have a header");
        var error = await Assert.ThrowsAsync<Core.OperatorException>(() => EvalRunStore.OpenAsync(dir.Path, CancellationToken.None));
        Assert.Contains("eval.db", error.Message);
    }
}
