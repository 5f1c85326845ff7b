using System.Text.Json;
using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary>
/// A short <c>eval run</c> end to end: every fault × 1 trial on the run's own cluster with the real monitor and agent as
/// child processes, then <c>eval report</c> in every format and <c>eval compare</c>.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class EvalEndToEndTests
{
    [Fact]
    public async Task Every_fault_once_is_detected_diagnosed_and_reported()
    {
        using var dir = new TempStateDir();
        var run = Path.Combine(dir.Path, "eval", "short");
        try
        {
            var result = await OperatorCli.RunAsync(dir.Path, "eval", "run", "--trials", "1", "--out", run);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("reports: ", result.Stdout);
            foreach (var file in new[] { "eval.db", "report.md", "report.json", "report.html", "monitor.log", "agent.log" })
            {
                Assert.True(File.Exists(Path.Combine(run, file)), $"{file} is missing; {result}");
            }

            var json = await OperatorCli.RunAsync(dir.Path, "eval", "report", "short", "--format", "json");
            Assert.True(json.ExitCode == 0, json.ToString());
            using var report = JsonDocument.Parse(json.Stdout);
            var faults = report.RootElement.GetProperty("faults").EnumerateArray().ToList();
            Assert.Equal(
                ["kill-follower", "kill-leader", "pause", "quorum-loss", "nospace", "latency", "partition"],
                faults.Select(f => f.GetProperty("fault").GetString()).ToList());
            Assert.All(faults, f => Assert.Equal(1, f.GetProperty("trials").GetInt32()));

            // One trial per fault on a shared 2-core machine: require most, not all, to be perfect, and never a
            // confident wrong answer.
            var overall = report.RootElement.GetProperty("overall");
            Assert.True(overall.GetProperty("contaminated").GetInt32() <= 1, result.Stdout);
            Assert.True(overall.GetProperty("detected").GetProperty("successes").GetInt32() >= 6, result.Stdout);
            Assert.True(overall.GetProperty("causeCorrect").GetProperty("successes").GetInt32() >= 5, result.Stdout);
            Assert.Equal(0, overall.GetProperty("confidentAndWrong").GetInt32());

            var html = await OperatorCli.RunAsync(dir.Path, "eval", "report", "--format", "html");
            Assert.True(html.ExitCode == 0, html.ToString());
            Assert.Contains("<svg", html.Stdout);
            Assert.DoesNotContain("<script", html.Stdout);

            var markdown = await OperatorCli.RunAsync(dir.Path, "eval", "report", run);
            Assert.Contains("| `partition` | 1 |", markdown.Stdout);

            var compare = await OperatorCli.RunAsync(dir.Path, "eval", "compare", run, "short");
            Assert.True(compare.ExitCode == 0, compare.ToString());
            Assert.Contains("# short vs short", compare.Stdout);

            // Nothing is left behind: no recorded fault, the run's cluster stopped.
            Assert.False(File.Exists(Path.Combine(run, "cluster", "chaos", "active-faults.json"))
                && File.ReadAllText(Path.Combine(run, "cluster", "chaos", "active-faults.json")).Trim() != "[]");
            var status = await OperatorCli.RunAsync(Path.Combine(run, "cluster"), "cluster", "status", "--json");
            using var nodes = JsonDocument.Parse(status.Stdout);
            Assert.All(nodes.RootElement.GetProperty("nodes").EnumerateArray(), n => Assert.Equal("down", n.GetProperty("state").GetString()));

            // A finished run resumes as a no-op; other settings for it are refused in one line.
            CliAssert.OneLineError(await OperatorCli.RunAsync(dir.Path, "eval", "run", "--trials", "2", "--out", run), "resume it with the same settings");
            CliAssert.OneLineError(await OperatorCli.RunAsync(dir.Path, "eval", "report", "nope"), "no evaluation run at nope");
        }
        finally
        {
            await OperatorCli.RunAsync(Path.Combine(run, "cluster"), "cluster", "down", "--purge");
        }
    }

    [Fact]
    public async Task An_interrupted_run_reverts_its_fault_and_resumes_where_it_stopped()
    {
        using var dir = new TempStateDir();
        var run = Path.Combine(dir.Path, "eval", "interrupted");
        var cluster = Path.Combine(run, "cluster");
        try
        {
            // SIGTERM (like Ctrl+C) while the first pause is in effect: the node must be resumed, nothing left recorded.
            await using (var eval = OperatorDaemon.Start(dir.Path, "eval", "run", "--faults", "pause,kill-follower", "--trials", "1", "--out", run))
            {
                await Eventually.WaitUntilAsync(() => eval.Stdout.Contains("[pause 1/1] injected pause on", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the first injection");
                Assert.Equal(130, await eval.StopAsync());
                Assert.Contains("interrupted; the current fault was reverted", eval.Stdout);
            }

            var record = Path.Combine(cluster, "chaos", "active-faults.json");
            Assert.True(!File.Exists(record) || File.ReadAllText(record).Trim() == "[]", File.Exists(record) ? File.ReadAllText(record) : "no record");
            var status = await OperatorCli.RunAsync(cluster, "cluster", "status", "--json");
            using (var nodes = JsonDocument.Parse(status.Stdout))
            {
                Assert.DoesNotContain(nodes.RootElement.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("state").GetString() == "paused");
            }

            var resumed = await OperatorCli.RunAsync(dir.Path, "eval", "run", "--out", run);
            Assert.True(resumed.ExitCode == 0, resumed.ToString());
            Assert.Contains("resuming: interrupted", resumed.Stdout);
            Assert.Contains("[pause 1/1] injected", resumed.Stdout);
            Assert.Contains("[kill-follower 1/1] injected", resumed.Stdout);

            var json = await OperatorCli.RunAsync(dir.Path, "eval", "report", run, "--format", "json");
            using var report = JsonDocument.Parse(json.Stdout);
            Assert.Equal(2, report.RootElement.GetProperty("overall").GetProperty("trials").GetInt32());
        }
        finally
        {
            await OperatorCli.RunAsync(cluster, "cluster", "down", "--purge");
        }
    }

    [Fact]
    public async Task An_engine_that_always_blames_a_crash_is_scored_right_on_the_kill_and_confidently_wrong_on_the_pause()
    {
        // A fake OpenAI-compatible server whose every answer is "process_crashed on n2, 0.9": the harness must score it
        // from the structured cause, not from how sure it sounds.
        var reply = JsonSerializer.Serialize(new
        {
            cause = "process_crashed",
            node = "n2",
            primaryDiagnosis = "n2's etcd process crashed.",
            confidenceScore = 0.9,
            severity = "critical",
            supportingEvidence = new[] { new { source = "probe", detail = "connection refused" } },
            alternatives = new[]
            {
                new { hypothesis = "process_hung", supporting = new[] { "no answer" }, contradicting = new[] { "refused" }, conclusion = "ruled out" },
                new { hypothesis = "network_partition", supporting = new[] { "peers lost it" }, contradicting = new[] { "refused" }, conclusion = "ruled out" },
            },
            recommendedAction = "Restart it.",
            commands = new[] { "./operator chaos restart n2" },
            risks = new[] { "none known" },
            affectedComponents = new[] { "n2" },
        });
        var completion = JsonSerializer.Serialize(new
        {
            id = "c1",
            @object = "chat.completion",
            created = 1700000000,
            model = "always-crash",
            choices = new[] { new { index = 0, message = new { role = "assistant", content = reply }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
        });
        await using var llm = FakeHttpServer.Answering(200, "application/json", completion);

        using var dir = new TempStateDir();
        var run = Path.Combine(dir.Path, "eval", "llm");
        try
        {
            var result = await OperatorCli.RunAsync(
                dir.Path,
                new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-test-eval" },
                "eval", "run", "--faults", "kill-follower,pause", "--trials", "1", "--engine", "openai", "--model", "always-crash", "--base-url", $"{llm.Url}v1", "--out", run);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("engine openai/always-crash", result.Stdout);
            Assert.Contains(llm.Requests, r => r.EndsWith("/chat/completions", StringComparison.Ordinal));

            var json = await OperatorCli.RunAsync(dir.Path, "eval", "report", run, "--format", "json");
            using var report = JsonDocument.Parse(json.Stdout);
            var faults = report.RootElement.GetProperty("faults").EnumerateArray().ToDictionary(f => f.GetProperty("fault").GetString()!);
            Assert.Equal(1, faults["kill-follower"].GetProperty("causeCorrect").GetProperty("successes").GetInt32());
            Assert.Equal(0, faults["pause"].GetProperty("causeCorrect").GetProperty("successes").GetInt32());
            Assert.Equal(1, faults["pause"].GetProperty("confidentAndWrong").GetInt32());
        }
        finally
        {
            await OperatorCli.RunAsync(Path.Combine(run, "cluster"), "cluster", "down", "--purge");
        }
    }
}
