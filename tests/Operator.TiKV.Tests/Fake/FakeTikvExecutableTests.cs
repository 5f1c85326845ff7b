using System.Diagnostics;
using System.Text.Json;

namespace Operator.TiKV.Tests.Fake;

/// <summary>The executable prints its endpoints as one JSON line and obeys one command per stdin line, as bench scripts use it.</summary>
public sealed class FakeTikvExecutableTests
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Prints_endpoints_then_kills_and_restarts_a_store_on_its_port()
    {
        await using var fake = await FakeTikvProcess.StartAsync("--pds", "3", "--stores", "4", "--regions", "100", "--miss-peer", "3");
        using var http = new FakeHttp();
        var endpoints = fake.Endpoints;
        var store4 = endpoints.Stores.Single(s => s.Id == 4);

        Assert.Equal(3, endpoints.Pd.Count);
        Assert.Equal([1UL, 4UL, 5UL, 7UL], endpoints.Stores.Select(s => s.Id));
        Assert.Equal("store4", store4.Name);
        Assert.Equal(200, (await http.GetAsync($"http://{store4.StatusAddress}/status")).Status);
        var missPeer = await http.GetJsonAsync(endpoints.Pd[2] + "/pd/api/v1/regions/check/miss-peer");
        Assert.Equal(3, missPeer.GetProperty("count").GetInt32());

        Assert.StartsWith("ok ", await fake.CommandAsync("kill-store 4"), StringComparison.Ordinal);
        Assert.True(await http.IsRefusedAsync($"http://{store4.StatusAddress}/status"));
        Assert.StartsWith("ok ", await fake.CommandAsync("restart-store store4"), StringComparison.Ordinal);
        Assert.Equal(200, (await http.GetAsync($"http://{store4.StatusAddress}/status")).Status);
    }

    [Fact]
    public async Task Commands_change_pd_and_prometheus_and_bad_lines_answer_error()
    {
        await using var fake = await FakeTikvProcess.StartAsync();
        using var http = new FakeHttp();
        var pd = fake.Endpoints.Pd[0] + "/pd/api/v1";

        Assert.Equal("ok store5 PD says Disconnected", await fake.CommandAsync("pd-state 5 Disconnected"));
        Assert.Equal("Disconnected", (await http.GetJsonAsync(pd + "/store/5")).GetProperty("store").GetProperty("state_name").GetString());
        Assert.StartsWith("ok ", await fake.CommandAsync("disk 1 100GiB 10GiB"), StringComparison.Ordinal);
        Assert.Equal("10GiB", (await http.GetJsonAsync(pd + "/store/1")).GetProperty("status").GetProperty("available").GetString());
        Assert.StartsWith("ok ", await fake.CommandAsync("region-check miss-peer 5"), StringComparison.Ordinal);
        Assert.Equal(5, (await http.GetJsonAsync(pd + "/regions/check/miss-peer")).GetProperty("count").GetInt32());
        Assert.StartsWith("ok ", await fake.CommandAsync("kill-pd pd1"), StringComparison.Ordinal);
        Assert.Equal("pd0", (await http.GetJsonAsync(pd + "/leader")).GetProperty("name").GetString());
        Assert.StartsWith("ok ", await fake.CommandAsync("no-pd-leader"), StringComparison.Ordinal);
        Assert.Equal(503, (await http.GetAsync(pd + "/stores")).Status);
        Assert.StartsWith("ok ", await fake.CommandAsync("prometheus error"), StringComparison.Ordinal);
        Assert.Equal(503, (await http.GetAsync(fake.Endpoints.Prometheus + "/api/v1/query?query=up")).Status);
        Assert.StartsWith("ok ", await fake.CommandAsync("latency 4 250ms"), StringComparison.Ordinal);

        Assert.StartsWith("error ", await fake.CommandAsync("kill-store 99"), StringComparison.Ordinal);
        Assert.StartsWith("error ", await fake.CommandAsync("pd-state 4 Sleepy"), StringComparison.Ordinal);
        Assert.StartsWith("error ", await fake.CommandAsync("frobnicate"), StringComparison.Ordinal);
        Assert.StartsWith("error ", await fake.CommandAsync("hang-store"), StringComparison.Ordinal);

        var requests = await fake.CommandAsync("requests /pd/api/v1/stores");
        Assert.StartsWith("ok ", requests, StringComparison.Ordinal);
        var counts = JsonDocument.Parse(requests[3..]).RootElement;
        Assert.Equal(1, counts.EnumerateArray().Sum(r => r.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task Exits_on_end_of_input_and_on_sigterm()
    {
        await using var byEof = await FakeTikvProcess.StartAsync("--stores", "1");
        await using var bySignal = await FakeTikvProcess.StartAsync("--pds", "1");
        using var http = new FakeHttp();

        byEof.CloseInput();
        using (var kill = Process.Start("kill", ["-TERM", bySignal.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.True(await byEof.WaitForExitAsync(ExitDeadline), "the fake is still running after its stdin closed");
        Assert.True(await bySignal.WaitForExitAsync(ExitDeadline), "the fake is still running after SIGTERM");
        Assert.Equal((0, 0), (byEof.ExitCode, bySignal.ExitCode));
        Assert.True(await http.IsRefusedAsync(bySignal.Endpoints.Pd[0] + "/pd/api/v1/ping"));
    }

    [Fact]
    public async Task Bad_arguments_exit_2_with_usage()
    {
        var psi = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Operator.FakeTikv.dll"), "--stores", "many"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var process = Process.Start(psi)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("usage:", error, StringComparison.Ordinal);
    }
}
