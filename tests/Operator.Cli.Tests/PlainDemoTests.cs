using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary><c>demo --plain</c> end to end: real cluster, real monitor and agent children, cleanup afterwards.</summary>
public sealed class PlainDemoTests
{
    [Fact]
    public async Task Plain_demo_detects_diagnoses_and_recovers_a_killed_follower_then_cleans_up()
    {
        using var dir = new TempStateDir();
        try
        {
            var r = await OperatorCli.RunAsync(dir.Path, "demo", "--plain", "--fault", "kill-follower");

            Assert.True(r.ExitCode == 0, r.ToString());
            foreach (var stage in new[] { "cluster", "health", "daemons", "fault", "detected", "diagnosed", "recovery", "resolved", "cleanup" })
            {
                Assert.Contains($"] {stage}", r.Stdout);
            }

            Assert.Contains("process_crashed", r.Stdout);
            Assert.Contains("auto-resolved", r.Stdout);
            Assert.Empty(StateDirProcesses.Find(dir.Path)); // no etcd, monitor or agent left behind
        }
        finally
        {
            await StateDirProcesses.KillAllAsync(dir.Path);
        }
    }
}
