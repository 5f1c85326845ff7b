using System.Text.RegularExpressions;
using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary>
/// <c>demo --subject tikv</c> in a real terminal (tmux). There is no Docker here, so <see cref="FakeComposeDocker"/>
/// stands in for it: <c>compose up</c> starts the fake TiKV cluster on the compose host ports (moved by a free offset)
/// and container kills and starts reach the fake's stores. Everything else is the real CLI: dashboard, monitor, agent
/// and the throughput child reading the fake's Prometheus.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class TikvDashboardEndToEndTests
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(180);

    [Theory]
    [InlineData("kill-leader", @"^kill --signal KILL operator-tikv-tikv[0-2]-1$", @"^compose .* start tikv[0-2]$")]
    [InlineData("pause", @"^pause operator-tikv-tikv[0-2]-1$", @"^unpause operator-tikv-tikv[0-2]-1$")]
    public async Task Auto_demo_shows_pd_and_tikv_apart_then_the_fault_its_ticket_diagnosis_and_recovery(string fault, string breakCall, string mendCall)
    {
        using var dir = new TempStateDir();
        using var docker = new FakeComposeDocker();
        var exitFile = Path.Combine(dir.Path, "demo-exit");
        try
        {
            await using var tmux = await Tmux.StartAsync(
                $"{docker.ShellPrefix} DOTNET_NOLOGO=1 dotnet {OperatorCli.Dll} --state-dir {dir.Path} demo --subject tikv --auto --chapter-seconds 2 --fault {fault}; echo $? > {exitFile}",
                160,
                45);
            string? groupsScreen = null, downScreen = null, diagnosedScreen = null, completeScreen = null;
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    var screen = await tmux.CaptureAsync();
                    if (groupsScreen is null && screen.Contains("PD · 3/3 up", StringComparison.Ordinal) && screen.Contains("TiKV · 3/3 up", StringComparison.Ordinal))
                    {
                        groupsScreen = screen;
                    }

                    if (downScreen is null && StoreDown().IsMatch(screen))
                    {
                        downScreen = screen;
                    }

                    if (diagnosedScreen is null && Diagnosed().IsMatch(screen))
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
                "the TiKV auto demo to finish");

            var exit = (await File.ReadAllTextAsync(exitFile)).Trim();
            var final = await tmux.CaptureAsync();
            var calls = string.Join('\n', docker.Calls);
            Assert.True(exit == "0", $"exit code {exit}; docker calls:\n{calls}\nlast screen:\n{final}");
            Assert.True(groupsScreen is not null, $"no screen showed the PD and TiKV groups; last screen:\n{final}");
            Assert.Equal(3, PdRow().Matches(groupsScreen!).Count);
            Assert.Equal(3, StoreRow().Matches(groupsScreen!).Count);
            Assert.Contains("subject tikv", groupsScreen, StringComparison.Ordinal);
            Assert.True(downScreen is not null, "no screen showed a store down (or unresponsive) after the fault");
            Assert.True(diagnosedScreen is not null, $"no screen showed the agent's DIAGNOSED line for the store; last screen:\n{final}");
            Assert.True(completeScreen is not null, "the Complete chapter never showed");
            Assert.Equal(6, UpRow().Matches(completeScreen!).Count);
            Assert.True(completeScreen!.Contains("errors not measured", StringComparison.Ordinal), completeScreen);
            Assert.True(completeScreen.Contains("TiKV gRPC rate from Prometheus 127.0.0.1:", StringComparison.Ordinal), completeScreen);
            Assert.Contains("demo complete:", final);

            Assert.Contains(docker.Calls, c => c.StartsWith("compose -p operator-tikv -f ", StringComparison.Ordinal) && c.EndsWith(" up -d --wait", StringComparison.Ordinal));
            Assert.Contains(docker.Calls, c => Regex.IsMatch(c, breakCall));
            Assert.Contains(docker.Calls, c => Regex.IsMatch(c, mendCall));
            Assert.EndsWith(" down", docker.Calls.Last(c => c.StartsWith("compose", StringComparison.Ordinal)), StringComparison.Ordinal);
            Assert.False(docker.FakeClusterRunning, "compose down did not stop the fake cluster");
            Assert.Equal("0", await tmux.DisplayAsync("#{alternate_on}"));
            Assert.Empty(StateDirProcesses.Find(dir.Path));
        }
        finally
        {
            await StateDirProcesses.KillAllAsync(dir.Path);
        }
    }

    [Fact]
    public async Task Demo_of_an_existing_cluster_without_the_compose_deployment_refuses_in_one_line()
    {
        using var dir = new TempStateDir();
        var r = await OperatorCli.RunAsync(dir.Path, "demo", "--subject", "tikv", "--auto", "--pd", "http://127.0.0.1:1", "--prometheus", "http://127.0.0.1:2");

        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("operator: demo --pd can watch that cluster but not break it:", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("--pd http://127.0.0.1:2379", "demo --pd needs --prometheus too")]
    [InlineData("--prometheus http://127.0.0.1:9090", "--prometheus goes with --pd")]
    [InlineData("--plain", "demo --plain runs the etcd demo only")]
    public async Task Tikv_demo_option_mistakes_are_one_line(string options, string message)
    {
        using var dir = new TempStateDir();
        var r = await OperatorCli.RunAsync(dir.Path, ["demo", "--subject", "tikv", .. options.Split(' ')]);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Tikv_options_without_the_tikv_subject_are_refused()
    {
        using var dir = new TempStateDir();
        var r = await OperatorCli.RunAsync(dir.Path, "demo", "--plain", "--pd", "http://127.0.0.1:2379");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("--pd is for TiKV; add --subject tikv", r.Stderr, StringComparison.Ordinal);
    }

    // Rows at 160 columns, grouped: "│ ★ pd1  ● up  leader  leader · 127.0.0.1:2479", "│   store4  ● down  #1 store_down".
    [GeneratedRegex(@"(?m)^│ [★ ] pd[0-2] +● ")]
    private static partial Regex PdRow();

    [GeneratedRegex(@"(?m)^│ [★ ] store[0-9]+ +● ")]
    private static partial Regex StoreRow();

    [GeneratedRegex(@"(?m)^│ [★ ] (pd[0-2]|store[0-9]+) +● up\b")]
    private static partial Regex UpRow();

    [GeneratedRegex(@"(?m)^│   store[0-9]+ +● (down|unresponsive)\b")]
    private static partial Regex StoreDown();

    [GeneratedRegex(@"DIAGNOSED #\d+ store_down:store[0-9]+ → \S+")]
    private static partial Regex Diagnosed();
}
