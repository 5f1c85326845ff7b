using System.Text.RegularExpressions;
using Operator.Core.Processes;
using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary>
/// The live dashboard in a real terminal (tmux): real cluster, monitor, agent and load generator as children, the screen
/// read with capture-pane. Checks what an audience would see, and that nothing is left running on any way out.
/// </summary>
public sealed partial class DashboardEndToEndTests
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(60);
    private static readonly string[] Titles = ["CLUSTER", "MONITOR", "AGENT", "WORKLOAD", "NARRATION"];

    [Theory]
    [InlineData("kill-leader", "process_crashed")]
    [InlineData("pause", "process_hung")]
    public async Task Auto_demo_shows_the_fault_its_detection_diagnosis_and_recovery_then_exits_cleanly(string fault, string cause)
    {
        using var dir = new TempStateDir();
        var exitFile = Path.Combine(dir.Path, "demo-exit");
        try
        {
            await using var tmux = await Tmux.StartAsync($"{Demo(dir.Path)} --auto --chapter-seconds 2 --fault {fault}; echo $? > {exitFile}", 160, 45);
            var titlesSeen = new HashSet<string>();
            string? downScreen = null, diagnosedScreen = null, completeScreen = null;
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    var screen = await tmux.CaptureAsync();
                    titlesSeen.UnionWith(Titles.Where(screen.Contains));
                    if (downScreen is null && NodeDown().IsMatch(screen))
                    {
                        downScreen = screen;
                    }

                    if (diagnosedScreen is null && Regex.IsMatch(screen, $@"DIAGNOSED #\d+ \S+ → {cause} on n[1-9]"))
                    {
                        diagnosedScreen = screen;
                    }

                    if (screen.Contains("[8/8]", StringComparison.Ordinal))
                    {
                        completeScreen = screen;
                    }

                    return File.Exists(exitFile);
                },
                RunDeadline,
                "the auto demo to finish");

            var exit = (await File.ReadAllTextAsync(exitFile)).Trim();
            var final = await tmux.CaptureAsync();
            Assert.True(exit == "0", $"exit code {exit}; last screen:\n{final}");
            Assert.Equal(Titles.Order(), titlesSeen.Order());
            Assert.True(downScreen is not null, "no screen showed a node down (or paused) after the fault");
            if (diagnosedScreen is null)
            {
                var tickets = await OperatorCli.RunAsync(dir.Path, "tickets", "list", "--status", "all");
                var agentLog = string.Join('\n', final.Split('\n').Where(l => l.Contains("DIAGNOSED", StringComparison.Ordinal)));
                Assert.Fail($"no screen showed the agent's DIAGNOSED line with {cause}; tickets:\n{tickets.Stdout}\nlast screen:\n{final}\n{agentLog}");
            }

            Assert.True(completeScreen is not null, "the Complete chapter never showed");
            Assert.Equal(3, NodeUp().Matches(completeScreen!).Count);
            Assert.Contains("demo complete:", final);
            Assert.Contains(cause, final);
            Assert.Equal("0", await tmux.DisplayAsync("#{alternate_on}"));
            Assert.Equal("1", await tmux.DisplayAsync("#{cursor_flag}"));
            Assert.Empty(StateDirProcesses.Find(dir.Path));
        }
        finally
        {
            await StateDirProcesses.KillAllAsync(dir.Path);
        }
    }

    [Theory]
    [InlineData("q")]
    [InlineData("C-c")]
    [InlineData("SIGTERM")]
    public async Task Quitting_restores_the_terminal_and_stops_everything_the_demo_started(string how)
    {
        using var dir = new TempStateDir();
        var exitFile = Path.Combine(dir.Path, "demo-exit");
        try
        {
            var before = Path.Combine(dir.Path, "stty-before");
            var after = Path.Combine(dir.Path, "stty-after");
            await using var tmux = await Tmux.StartAsync($"stty -a > {before}; {Demo(dir.Path)}; rc=$?; stty -a > {after}; echo $rc > {exitFile}", 120, 35);
            await WaitForScreenAsync(tmux, s => s.Contains("[1/8]", StringComparison.Ordinal) && s.Contains("SPACE/ENTER next", StringComparison.Ordinal), "the welcome chapter to finish starting the cluster and daemons");
            await tmux.SendKeysAsync(" ");
            await WaitForScreenAsync(tmux, s => s.Contains("[2/8]", StringComparison.Ordinal), "SPACE to move to chapter 2");
            Assert.Contains(StateDirProcesses.Find(dir.Path), pid => CommandLine(pid).Contains("monitor run", StringComparison.Ordinal));
            if (how == "q")
            {
                await tmux.ResizeAsync(160, 45);
                await WaitForScreenAsync(tmux, FillsTheScreen(160, 45), "the dashboard to re-lay out to 160×45");
                await tmux.ResizeAsync(120, 35);
                await WaitForScreenAsync(tmux, FillsTheScreen(120, 35), "the dashboard to re-lay out back to 120×35");

                var agent = StateDirProcesses.Find(dir.Path).Single(pid => CommandLine(pid).Contains("agent start", StringComparison.Ordinal));
                Signals.Send(agent, Signals.SigKill);
                await WaitForScreenAsync(tmux, s => s.Contains("AGENT · exited with code 137", StringComparison.Ordinal), "the AGENT panel to say its process exited");
            }

            if (how == "SIGTERM")
            {
                Signals.Send(DashboardPid(dir.Path), Signals.SigTerm);
            }
            else
            {
                await tmux.SendKeysAsync(how);
            }

            await Eventually.WaitUntilAsync(() => File.Exists(exitFile), StepDeadline, $"the demo to exit after {how}");
            var exit = (await File.ReadAllTextAsync(exitFile)).Trim();
            Assert.Equal(how == "q" ? "0" : "130", exit);
            Assert.Equal("0", await tmux.DisplayAsync("#{alternate_on}"));
            Assert.Equal("1", await tmux.DisplayAsync("#{cursor_flag}"));
            Assert.Equal(await File.ReadAllTextAsync(before), await File.ReadAllTextAsync(after)); // echo, line mode, signals as they were
            Assert.Contains("demo stopped early", await tmux.CaptureAsync());
            Assert.Empty(StateDirProcesses.Find(dir.Path));
        }
        finally
        {
            await StateDirProcesses.KillAllAsync(dir.Path);
        }
    }

    [Fact]
    public async Task Quitting_after_the_fault_on_a_cluster_the_demo_did_not_start_undoes_the_fault_and_leaves_it_running()
    {
        await using var cluster = await EtcdTestCluster.StartAsync();
        var dir = cluster.StateDir;
        var exitFile = Path.Combine(Path.GetTempPath(), "operator-tmux", $"{Guid.NewGuid():N}.exit");
        await using var tmux = await Tmux.StartAsync($"{Demo(dir)} --auto --chapter-seconds 2; echo $? > {exitFile}", 160, 45);
        await WaitForScreenAsync(tmux, s => s.Contains("[5/8]", StringComparison.Ordinal), "the detection chapter, after the leader was killed");
        Assert.Contains(cluster.Nodes, n => !n.IsRunning);

        await tmux.SendKeysAsync("q");
        await Eventually.WaitUntilAsync(() => File.Exists(exitFile), StepDeadline, "the demo to exit after q");

        var final = await tmux.CaptureAsync();
        Assert.Contains("demo stopped early", final);
        Assert.Contains("the cluster keeps running", final);
        Assert.All(cluster.Nodes, n => Assert.True(n.IsRunning, $"{n.Name} is not running after the demo quit"));
        var status = await OperatorCli.RunAsync(dir, "cluster", "status", "--json");
        using var json = System.Text.Json.JsonDocument.Parse(status.Stdout);
        Assert.All(json.RootElement.GetProperty("nodes").EnumerateArray(), n => Assert.Equal("up", n.GetProperty("state").GetString()));
        Assert.DoesNotContain(StateDirProcesses.Find(dir), pid => CommandLine(pid).Contains("operator.dll", StringComparison.Ordinal));
        File.Delete(exitFile);
    }

    [Fact]
    public async Task Sigkill_of_the_dashboard_leaves_no_process_behind()
    {
        using var dir = new TempStateDir();
        try
        {
            await using var tmux = await Tmux.StartAsync(Demo(dir.Path), 120, 35);
            await WaitForScreenAsync(tmux, s => s.Contains("[1/8]", StringComparison.Ordinal) && s.Contains("SPACE/ENTER next", StringComparison.Ordinal), "the welcome chapter to finish");
            await tmux.SendKeysAsync(" ");
            await WaitForScreenAsync(tmux, s => s.Contains("[2/8]", StringComparison.Ordinal) && s.Contains("SPACE/ENTER next", StringComparison.Ordinal), "the cluster health chapter to finish");
            await tmux.SendKeysAsync(" ");
            await Eventually.WaitUntilAsync(
                () => StateDirProcesses.Find(dir.Path).Any(pid => CommandLine(pid).Contains("load run", StringComparison.Ordinal)),
                StepDeadline,
                "the load generator to start");
            var before = StateDirProcesses.Find(dir.Path);
            Assert.True(before.Count >= 7, $"expected dashboard, guard, monitor, agent, load and 3 etcd members; found {before.Count}"); // 3 etcd + 5

            Signals.Send(DashboardPid(dir.Path), Signals.SigKill);

            await Eventually.WaitUntilAsync(
                () => StateDirProcesses.Find(dir.Path).Count == 0,
                StepDeadline,
                "every child and etcd member to exit after the dashboard was SIGKILLed");
        }
        finally
        {
            await StateDirProcesses.KillAllAsync(dir.Path);
        }
    }

    [Fact]
    public async Task Demo_without_a_terminal_refuses_and_points_to_auto_and_plain()
    {
        using var dir = new TempStateDir();
        var r = await OperatorCli.RunAsync(dir.Path, "demo");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("operator demo --plain", r.Stderr);
        Assert.Contains("--auto", r.Stderr);
        Assert.Single(r.Stderr.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(dir.Path, "cluster.json"))); // refused before starting anything
    }

    private static string Demo(string stateDir) => $"DOTNET_NOLOGO=1 dotnet {OperatorCli.Dll} --state-dir {stateDir} demo";

    private static async Task WaitForScreenAsync(Tmux tmux, Func<string, bool> condition, string what)
    {
        var last = string.Empty;
        try
        {
            await Eventually.WaitUntilAsync(async () => condition(last = await tmux.CaptureAsync()), StepDeadline, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last screen:\n{last}", e);
        }
    }

    /// <summary>All five panels drawn, the bottom border on the last row and the right border in the last column.</summary>
    private static Func<string, bool> FillsTheScreen(int width, int height) => screen =>
    {
        var lines = screen.Split('\n');
        var bottom = height - 1;
        return Titles.All(screen.Contains)
            && lines.Length > bottom
            && lines[bottom].StartsWith('╰') && lines[bottom].TrimEnd().EndsWith('╯')
            && lines[bottom].TrimEnd().Length == width
            && lines.Take(height).All(l => l.TrimEnd().Length <= width);
    };

    private static string CommandLine(int pid) => string.Join(' ', ProcessInspector.CommandLine(pid) ?? []);

    private static int DashboardPid(string stateDir) =>
        StateDirProcesses.Find(stateDir).Single(pid =>
        {
            var args = ProcessInspector.CommandLine(pid) ?? [];
            return args.Contains("demo") && !args.Contains("guard");
        });

    // A CLUSTER row at 160 columns: "│ ★ n1  etcd  ● up  term 2 · db 264 KiB · pid 30371".
    [GeneratedRegex(@"(?m)^│ [★ ] n[1-9] +etcd +● (down|paused|unresponsive)\b")]
    private static partial Regex NodeDown();

    [GeneratedRegex(@"(?m)^│ [★ ] n[1-9] +etcd +● up\b")]
    private static partial Regex NodeUp();
}
