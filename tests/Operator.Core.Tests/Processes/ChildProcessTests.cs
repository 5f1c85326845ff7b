using System.Collections.Concurrent;
using Operator.Core.Processes;
using Operator.Testing;

namespace Operator.Core.Tests.Processes;

public sealed class ChildProcessTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static ChildProcess Shell(string script, ConcurrentQueue<string> lines) =>
        ChildProcess.Start("test child", "/bin/sh", ["-c", script], (line, isError) => lines.Enqueue(isError ? $"err: {line}" : line));

    [Fact]
    public async Task Lines_arrive_while_the_child_still_runs_and_stdin_reaches_it()
    {
        var lines = new ConcurrentQueue<string>();
        await using var child = Shell("echo first; echo oops >&2; read x; echo \"second $x\"", lines);

        await Eventually.WaitUntilAsync(() => lines.Contains("first") && lines.Contains("err: oops"), Deadline, "the first lines arrived");
        Assert.False(child.HasExited); // blocked on read: the lines were not held back until exit
        Assert.Null(child.ExitCode);

        Assert.True(child.TrySendLine("go"));
        using var wait = new CancellationTokenSource(Deadline);
        await child.WaitForExitAsync(wait.Token);
        Assert.Contains("second go", lines);
        Assert.Equal(0, child.ExitCode);
    }

    [Fact]
    public async Task Stop_sends_SIGTERM_and_returns_the_exit_code()
    {
        var lines = new ConcurrentQueue<string>();
        await using var child = Shell("trap 'echo terminated; exit 3' TERM; echo ready; while true; do sleep 0.05; done", lines);
        await Eventually.WaitUntilAsync(() => lines.Contains("ready"), Deadline, "the child is ready");

        var code = await child.StopAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(3, code);
        Assert.Contains("terminated", lines);
    }

    [Fact]
    public async Task Stop_kills_a_child_that_ignores_SIGTERM_after_the_grace_period()
    {
        var lines = new ConcurrentQueue<string>();
        await using var child = Shell("trap '' TERM; echo ready; while true; do sleep 0.05; done", lines);
        await Eventually.WaitUntilAsync(() => lines.Contains("ready"), Deadline, "the child is ready");

        var code = await child.StopAsync(TimeSpan.FromMilliseconds(300));

        Assert.True(child.HasExited);
        Assert.Equal(137, code); // 128 + SIGKILL
        Assert.False(Directory.Exists($"/proc/{child.Pid}") && ProcessInspector.Inspect(child.Pid) != Observing.ProcessState.Gone);
    }

    [Fact]
    public void A_missing_program_is_a_one_line_error_naming_it()
    {
        var e = Assert.Throws<OperatorException>(() => ChildProcess.Start("monitor", "/nonexistent/operator", [], (_, _) => { }));
        Assert.StartsWith("start the monitor: /nonexistent/operator", e.Message);
    }
}
