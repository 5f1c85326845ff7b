namespace Operator.Workload.Tests;

public sealed class WorkloadMixTests
{
    [Theory]
    [InlineData("a", 0.50)]
    [InlineData("b", 0.95)]
    [InlineData("c", 1.00)]
    public void Each_workload_draws_its_read_share(string name, double reads)
    {
        var spec = WorkloadSpec.Find(name)!;
        var random = new Random(99);
        var drawn = Enumerable.Range(0, 100_000).Count(_ => spec.Choose(random) == OperationKind.Read) / 100_000.0;
        Assert.InRange(drawn, reads - 0.01, Math.Min(1, reads + 0.01));
        if (reads == 1.0)
        {
            Assert.Equal(1.0, drawn);
        }
    }

    [Fact]
    public void Workload_names_are_found_case_insensitively_and_unknown_ones_are_not()
    {
        Assert.Same(WorkloadSpec.B, WorkloadSpec.Find("B"));
        Assert.Null(WorkloadSpec.Find("d"));
        Assert.Null(WorkloadSpec.Find(null));
        Assert.Equal("a (50% reads, 50% updates)", WorkloadSpec.A.Describe());
    }

    [Theory]
    [InlineData("a", 0.50)]
    [InlineData("b", 0.95)]
    public async Task A_run_sends_the_workload_mix_to_the_target(string name, double reads)
    {
        var target = new FakeKvTarget();
        var output = new CapturedOutput();
        var options = new LoadOptions
        {
            Workload = WorkloadSpec.Find(name)!,
            Clients = 4,
            Records = 100,
            Duration = TimeSpan.FromMilliseconds(400),
            Interval = TimeSpan.FromMilliseconds(100),
            Seed = 1,
        };

        LoadStarted? started = null;
        var callsBeforeMeasuring = 0;
        output.OnWrite = e =>
        {
            if (e is LoadStarted s)
            {
                started = s;
                callsBeforeMeasuring = target.Calls.Count;
            }
        };
        var summary = await new LoadGenerator(target, options, output).RunAsync(CancellationToken.None);

        Assert.NotNull(started);
        var measured = target.Calls.Skip(callsBeforeMeasuring).ToList();
        Assert.True(summary.Ops > 200, $"only {summary.Ops} ops");
        var share = measured.Count(c => c.Kind == OperationKind.Read) / (double)measured.Count;
        Assert.InRange(share, reads - 0.05, reads + 0.05);
        Assert.Equal(summary.Reads + summary.Updates, summary.Ops);
        Assert.InRange(summary.Reads / (double)summary.Ops, reads - 0.05, reads + 0.05);
    }
}
