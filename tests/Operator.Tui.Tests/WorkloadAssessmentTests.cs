using Operator.Tui.State;

namespace Operator.Tui.Tests;

public sealed class WorkloadAssessmentTests
{
    private static List<WorkloadPoint> Steady(int seconds, double ops) =>
        Enumerable.Range(1, seconds).Select(s => new WorkloadPoint(s, ops, 2.0, 0)).ToList();

    [Fact]
    public void No_points_is_idle_and_a_few_are_warming()
    {
        Assert.Equal(WorkloadHealth.Idle, WorkloadAssessment.Assess([]).Health);
        var warming = WorkloadAssessment.Assess(Steady(3, 1000));
        Assert.Equal(WorkloadHealth.Warming, warming.Health);
        Assert.Null(warming.Baseline);
    }

    [Fact]
    public void Steady_throughput_is_healthy_with_that_baseline()
    {
        var a = WorkloadAssessment.Assess(Steady(20, 1000));
        Assert.Equal(WorkloadHealth.Healthy, a.Health);
        Assert.Equal(1000, a.Baseline);
    }

    [Fact]
    public void Throughput_below_half_the_baseline_is_degraded_and_recovers_to_healthy()
    {
        var points = Steady(20, 1000);
        points.Add(new WorkloadPoint(21, 300, 40, 0));
        Assert.Equal(WorkloadHealth.Degraded, WorkloadAssessment.Assess(points).Health);

        points.Add(new WorkloadPoint(22, 950, 3, 0));
        Assert.Equal(WorkloadHealth.Healthy, WorkloadAssessment.Assess(points).Health);
    }

    [Fact]
    public void Errors_in_the_last_second_are_degraded_even_at_full_throughput()
    {
        var points = Steady(20, 1000);
        points.Add(new WorkloadPoint(21, 1000, 2, 5));
        Assert.Equal(WorkloadHealth.Degraded, WorkloadAssessment.Assess(points).Health);
    }

    [Fact]
    public void A_fault_lasting_a_minority_of_the_window_does_not_drag_the_baseline_down()
    {
        var points = Steady(40, 1000);
        points.AddRange(Enumerable.Range(41, 15).Select(s => new WorkloadPoint(s, 100, 80, 3)));
        var a = WorkloadAssessment.Assess(points);
        Assert.Equal(1000, a.Baseline);
        Assert.True(a.IsLow(points[^1]));
        Assert.False(a.IsLow(points[10]));
    }

    [Fact]
    public void Warm_up_seconds_do_not_count_towards_the_baseline()
    {
        var points = new List<WorkloadPoint> { new(1, 5000, 1, 0), new(2, 5000, 1, 0) };
        points.AddRange(Enumerable.Range(3, 5).Select(s => new WorkloadPoint(s, 800, 2, 0)));
        Assert.Equal(800, WorkloadAssessment.Assess(points).Baseline);
    }
}
