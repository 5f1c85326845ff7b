using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Operator.FakeTikv;
using Operator.Testing;

namespace Operator.Cli.Tests;

/// <summary><c>cluster status --subject tikv</c> through the real CLI against a fake TiKV cluster.</summary>
public sealed class TikvStatusCommandTests
{
    [Fact]
    public async Task Status_shows_pd_members_and_stores_with_a_killed_store_down_and_the_pd_leader_marked()
    {
        await using var cluster = FakeTikvCluster.Start();
        cluster.Store(4).Kill();
        using var dir = new TempStateDir();

        var r = await OperatorCli.RunAsync(dir.Path, "cluster", "status", "--subject", "tikv", "--pd", cluster.PdEndpoints);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(string.Empty, r.Stderr);
        var lines = r.Stdout.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Matches("^PD MEMBER +STATE +CLIENT URL +ERROR$", lines[0]);
        Assert.Matches("^pd0 +up +http://127\\.0\\.0\\.1:\\d+$", lines[1]);
        Assert.Matches($"^pd1 \\* +up +{Regex(Authority(cluster.PdUrls[1]))}$", lines[2]);
        Assert.Matches("^pd2 +up +http://127\\.0\\.0\\.1:\\d+$", lines[3]);
        Assert.Equal(string.Empty, lines[4]);
        Assert.Matches("^STORE +STATE +PD STATE +ADDRESS +STATUS ADDRESS +VERSION +REGIONS +LEADERS +DISK USED +ERROR$", lines[5]);
        Assert.Matches($"^store1 +up +Up +127\\.0\\.0\\.1:\\d+ +{Regex(cluster.Store(1).StatusAddress)} +8\\.5\\.5 +\\d+ +\\d+ +\\d+\\.\\d%$", lines[6]);

        // Our probe sees the refused port at once; PD still says Up until the heartbeat is 20 s old.
        Assert.Matches($"^store4 +down +Up +127\\.0\\.0\\.1:\\d+ +{Regex(cluster.Store(4).StatusAddress)} +8\\.5\\.5 +\\d+ +\\d+ +\\d+\\.\\d% +.*connection refused$", lines[7]);
        Assert.StartsWith("store5 ", lines[8], StringComparison.Ordinal);
        Assert.Contains("PD: 3/3 members up, leader pd1 (* marks the leader)", lines);
        Assert.Contains(lines, l => l.StartsWith("stores: 2/3 up", StringComparison.Ordinal));
        Assert.Contains("regions: 36", lines);
    }

    [Fact]
    public async Task Status_json_has_pd_members_and_stores_as_two_groups()
    {
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { MissPeerRegions = 2 });
        cluster.Store(4).Kill();
        using var dir = new TempStateDir();

        var r = await OperatorCli.RunAsync(dir.Path, "cluster", "status", "--subject", "tikv", "--pd", cluster.PdEndpoints, "--json");

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var root = doc.RootElement;
        Assert.Equal("tikv", root.GetProperty("subject").GetString());
        Assert.Equal("pd1", root.GetProperty("leader").GetString());
        var members = root.GetProperty("pdMembers").EnumerateArray().ToList();
        Assert.Equal(["pd0", "pd1", "pd2"], members.Select(m => m.GetProperty("name").GetString()));
        Assert.Equal([false, true, false], members.Select(m => m.GetProperty("leader").GetBoolean()));
        Assert.All(members, m => Assert.Equal("up", m.GetProperty("state").GetString()));
        Assert.Equal(Authority(cluster.PdUrls[1]), members[1].GetProperty("clientUrl").GetString());
        Assert.Equal(cluster.PdMembers[1].MemberId.ToString(System.Globalization.CultureInfo.InvariantCulture), members[1].GetProperty("memberId").GetString());

        var stores = root.GetProperty("stores").EnumerateArray().ToList();
        Assert.Equal(["store1", "store4", "store5"], stores.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal([1L, 4L, 5L], stores.Select(s => s.GetProperty("id").GetInt64()));
        var down = stores[1];
        Assert.Equal("down", down.GetProperty("state").GetString());
        Assert.Equal("Up", down.GetProperty("pdState").GetString());
        Assert.Equal(cluster.Store(4).Address, down.GetProperty("address").GetString());
        Assert.Equal(cluster.Store(4).StatusAddress, down.GetProperty("statusAddress").GetString());
        Assert.Equal("8.5.5", down.GetProperty("version").GetString());
        Assert.Contains("connection refused", down.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("up", stores[0].GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, stores[0].GetProperty("error").ValueKind);
        Assert.True(stores[0].GetProperty("regionCount").GetInt64() > 0);
        Assert.True(stores[0].GetProperty("leaderCount").GetInt64() >= 0);
        Assert.InRange(stores[0].GetProperty("diskUsedRatio").GetDouble(), 0.0, 1.0);

        var regions = root.GetProperty("regions");
        Assert.Equal(36, regions.GetProperty("total").GetInt64());
        Assert.Equal(2, regions.GetProperty("missPeer").GetInt64());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("errors").ValueKind);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", root.GetProperty("observedAt").GetString());
    }

    [Fact]
    public async Task Status_with_pd_unreachable_prints_what_it_could_and_says_why_without_a_stack_trace()
    {
        var pd = $"http://127.0.0.1:{ClosedPort()}";
        using var dir = new TempStateDir();

        var text = await OperatorCli.RunAsync(dir.Path, "cluster", "status", "--subject", "tikv", "--pd", pd);
        var json = await OperatorCli.RunAsync(dir.Path, "cluster", "status", "--subject", "tikv", "--pd", pd, "--json");

        Assert.Equal(0, text.ExitCode);
        Assert.Contains("STORE  (none listed: PD did not answer, or no store has registered yet)", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("PD: 0/1 members up, leader none", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"warning: list stores from {pd}: connection refused", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text.Stdout + text.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(0, doc.RootElement.GetProperty("stores").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("leader").ValueKind);
        Assert.Contains(doc.RootElement.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains("connection refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_without_pd_or_a_compose_deployment_says_how_to_get_one()
    {
        using var dir = new TempStateDir();

        CliAssert.OneLineError(
            await OperatorCli.RunAsync(dir.Path, "cluster", "status", "--subject", "tikv"),
            "no TiKV cluster to watch in");
    }

    private static string Authority(string url) => new Uri(url).GetLeftPart(UriPartial.Authority);

    private static string Regex(string text) => System.Text.RegularExpressions.Regex.Escape(text);

    private static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
