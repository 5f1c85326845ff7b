using System.Text.Json;
using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary>Monitor and agent as real child processes sharing one ticket database, against a real cluster.</summary>
public sealed class AgentEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Agent_diagnoses_a_killed_member_as_a_crash_with_the_rules_engine()
    {
        await using var cluster = await EtcdTestCluster.StartAsync();
        var dir = cluster.StateDir;
        await using var monitor = OperatorDaemon.Start(dir, "monitor", "run", "--interval", "0.5", "--probe-timeout", "1s");
        await using var agent = OperatorDaemon.Start(dir, "agent", "start", "--interval", "0.5", "--engine", "rules");
        try
        {
            await Eventually.WaitUntilAsync(() => monitor.Stdout.Contains("3/3 up", StringComparison.Ordinal) && agent.Stdout.Contains("agent started", StringComparison.Ordinal), Deadline, "monitor and agent running");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nmonitor stdout: {monitor.Stdout}\nmonitor stderr: {monitor.Stderr}\nagent stdout: {agent.Stdout}\nagent stderr: {agent.Stderr}", e);
        }

        var kill = await OperatorCli.RunAsync(dir, "chaos", "kill", "follower", "--json");
        Assert.True(kill.ExitCode == 0, kill.ToString());
        var node = JsonDocument.Parse(kill.Stdout).RootElement.GetProperty("node").GetString()!;

        JsonElement? ticket = null;
        await Eventually.WaitUntilAsync(
            async () => (ticket = await TicketQuery.FindAsync(dir, "member_down", node, "diagnosed")) is not null,
            Deadline,
            $"a diagnosed member_down ticket for {node}");
        var d = ticket!.Value.GetProperty("diagnosis");
        Assert.Equal("process_crashed", d.GetProperty("cause").GetString());
        Assert.Equal(node, d.GetProperty("node").GetString());
        Assert.Equal("rules", d.GetProperty("engine").GetString());
        Assert.True(d.GetProperty("alternatives").GetArrayLength() >= 2);
        Assert.Contains(d.GetProperty("commands").EnumerateArray(), c => c.GetString() == $"./operator chaos restart {node}");
        Assert.Contains($"DIAGNOSED #{ticket.Value.GetProperty("id").GetInt64()} member_down:{node} → process_crashed", agent.Stdout);

        var show = await OperatorCli.RunAsync(dir, "tickets", "show", ticket.Value.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Alternatives considered", show.Stdout);
        Assert.Contains("process_hung", show.Stdout);

        var again = await OperatorCli.RunAsync(dir, "diagnose", ticket.Value.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("process_crashed", JsonDocument.Parse(again.Stdout).RootElement.GetProperty("cause").GetString());

        Assert.Equal(0, await agent.StopAsync());
        Assert.Contains("agent stopped after 1 diagnoses", agent.Stdout);
        Assert.Equal(0, await monitor.StopAsync());
    }

    [Fact]
    public async Task Anthropic_engine_without_a_key_is_a_one_line_error()
    {
        using var dir = new TempStateDir();
        var psi = OperatorCli.StartInfo(dir.Path, "agent", "start", "--engine", "anthropic", "--once");
        psi.Environment.Remove("ANTHROPIC_API_KEY");
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.NotEqual(0, p.ExitCode);
        Assert.StartsWith("operator: --engine anthropic needs ANTHROPIC_API_KEY", stderr);
    }
}

/// <summary>An LLM engine that cannot be reached falls back to rules, says so, and never prints its key.</summary>
public sealed class EngineFallbackEndToEndTests
{
    [Fact]
    public async Task Unreachable_openai_server_falls_back_to_rules_without_leaking_the_key()
    {
        await using var cluster = await EtcdTestCluster.StartAsync();
        var dir = cluster.StateDir;
        await cluster.Cluster.KillAsync("n3");
        var once = await OperatorCli.RunAsync(dir, "monitor", "run", "--once", "--probe-timeout", "1s");
        Assert.True(once.ExitCode == 0, once.ToString());
        var ticket = await TicketQuery.FindAsync(dir, "member_down", "n3", "open");
        Assert.NotNull(ticket);

        const string Key = "sk-test-0123456789abcdefSECRET";
        var closedPort = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closedPort.Start();
        var port = ((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop(); // nothing listens there now: connection refused

        var psi = OperatorCli.StartInfo(dir, "diagnose", ticket!.Value.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--engine", "openai", "--base-url", $"http://127.0.0.1:{port}/v1", "--json");
        psi.Environment["OPENAI_API_KEY"] = Key;
        using var p = System.Diagnostics.Process.Start(psi)!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();

        Assert.True(p.ExitCode == 0, await stderr);
        using var doc = JsonDocument.Parse(await stdout);
        Assert.StartsWith("rules (fallback: openai", doc.RootElement.GetProperty("engine").GetString());
        Assert.Equal("process_crashed", doc.RootElement.GetProperty("cause").GetString());
        Assert.DoesNotContain(Key, await stdout);
        Assert.DoesNotContain(Key, await stderr);
        var stored = await OperatorCli.RunAsync(dir, "tickets", "show", ticket.Value.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.DoesNotContain(Key, stored.Stdout);
        Assert.Contains("fallback: openai", stored.Stdout);
    }
}
