using System.Text.Json;
using Operator.FakeTikv;
using Operator.FakeTikv.Tikv;
using Operator.Testing;

namespace Operator.TiKV.Tests.Fake;

/// <summary>Killed, hung and restarted stores behave like processes, and PD's view ages on the injected clock (§2).</summary>
public sealed class FakeStoreLifecycleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Killed_store_refuses_connections_at_once_and_pd_calls_it_disconnected_after_20_s_then_down_after_30_min()
    {
        var clock = new ManualClock();
        await using var cluster = FakeTikvCluster.Start(time: clock);
        using var http = new FakeHttp();
        var store = cluster.Store(4);
        var statusUrl = $"http://{store.StatusAddress}/status";
        Assert.Equal(200, (await http.GetAsync(statusUrl)).Status);

        store.Kill();

        Assert.True(await http.IsRefusedAsync(statusUrl));
        Assert.Equal("Up", await PdStateAsync(http, cluster, 4));
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("Up", await PdStateAsync(http, cluster, 4));
        clock.Advance(TimeSpan.FromSeconds(11.001));
        Assert.Equal("Disconnected", await PdStateAsync(http, cluster, 4));
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("Disconnected", await PdStateAsync(http, cluster, 4));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("Down", await PdStateAsync(http, cluster, 4));
        Assert.Equal("Up", await PdStateAsync(http, cluster, 1));
    }

    [Fact]
    public async Task Restarted_store_listens_on_the_same_port_heartbeats_at_once_and_starts_its_uptime_over()
    {
        var clock = new ManualClock();
        await using var cluster = FakeTikvCluster.Start(time: clock);
        using var http = new FakeHttp();
        var store = cluster.Store(5);
        var address = store.StatusAddress;
        store.Kill();
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("Disconnected", await PdStateAsync(http, cluster, 5));

        store.Restart();

        Assert.Equal(address, store.StatusAddress);
        Assert.Equal(200, (await http.GetAsync($"http://{address}/status")).Status);
        var info = await http.GetJsonAsync(cluster.PdUrls[0] + "/pd/api/v1/store/5");
        Assert.Equal("Up", info.GetProperty("store").GetProperty("state_name").GetString());
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), info.GetProperty("store").GetProperty("start_timestamp").GetInt64());
        Assert.False(info.GetProperty("status").TryGetProperty("uptime", out _));
        clock.Advance(TimeSpan.FromSeconds(61));
        var later = await http.GetJsonAsync(cluster.PdUrls[0] + "/pd/api/v1/store/5");
        Assert.Equal("1m0s", later.GetProperty("status").GetProperty("uptime").GetString());
    }

    [Fact]
    public async Task Hung_store_accepts_connections_but_never_answers_and_stops_heartbeating()
    {
        var clock = new ManualClock();
        await using var cluster = FakeTikvCluster.Start(time: clock);
        using var impatient = new FakeHttp(TimeSpan.FromMilliseconds(300));
        using var http = new FakeHttp();
        var store = cluster.Store(1);

        store.Hang();

        Assert.Equal(ProcessState.Hung, store.Process);
        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync($"http://{store.StatusAddress}/status"));
        Assert.Equal(1, cluster.Requests.CountOf("store1", "/status"));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal("Disconnected", await PdStateAsync(http, cluster, 1));
        store.Restart();
        Assert.Equal(200, (await http.GetAsync($"http://{store.StatusAddress}/status")).Status);
    }

    [Fact]
    public async Task Killing_a_store_drops_its_open_connections()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        var store = cluster.Store(4);
        store.Hang();
        var pending = http.GetAsync($"http://{store.StatusAddress}/status");
        await Eventually.WaitUntilAsync(() => cluster.Requests.CountOf("store4", "/status") == 1, Deadline, "the hung store has read the request");

        store.Kill();

        await Assert.ThrowsAsync<HttpRequestException>(() => pending);
    }

    [Fact]
    public async Task Forced_pd_states_render_as_pd_would()
    {
        var clock = new ManualClock();
        await using var cluster = FakeTikvCluster.Start(time: clock);
        using var http = new FakeHttp();

        cluster.Store(1).SetPdState(StoreStateName.Disconnected);
        cluster.Store(4).SetPdState(StoreStateName.Down);
        cluster.Store(5).SetPdState(StoreStateName.Offline);

        Assert.Equal("Disconnected", await PdStateAsync(http, cluster, 1));
        Assert.Equal("Down", await PdStateAsync(http, cluster, 4));
        Assert.Equal("Offline", await PdStateAsync(http, cluster, 5));
        Assert.Equal(200, (await http.GetAsync($"http://{cluster.Store(1).StatusAddress}/status")).Status);
        cluster.Store(1).SetPdState(StoreStateName.Up);
        Assert.Equal("Up", await PdStateAsync(http, cluster, 1));
    }

    [Fact]
    public async Task Heartbeat_age_sets_pds_last_heartbeat_which_then_keeps_ageing()
    {
        var clock = new ManualClock();
        await using var cluster = FakeTikvCluster.Start(time: clock);
        using var http = new FakeHttp();

        cluster.Store(4).SetHeartbeatAge(TimeSpan.FromSeconds(15));
        var before = await http.GetJsonAsync(cluster.PdUrls[0] + "/pd/api/v1/store/4");
        clock.Advance(TimeSpan.FromSeconds(6));
        var after = await http.GetJsonAsync(cluster.PdUrls[0] + "/pd/api/v1/store/4");

        var expected = (clock.GetUtcNow() - TimeSpan.FromSeconds(21)).ToUnixTimeMilliseconds() * 1_000_000;
        Assert.Equal(expected, before.GetProperty("store").GetProperty("last_heartbeat").GetInt64());
        Assert.Equal("Up", before.GetProperty("store").GetProperty("state_name").GetString());
        Assert.Equal("Disconnected", after.GetProperty("store").GetProperty("state_name").GetString());
    }

    [Fact]
    public async Task A_store_silent_for_10_min_shows_down_peers_and_loses_its_region_leaders()
    {
        var clock = new ManualClock();
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { RegionCount = 30 }, clock);
        using var http = new FakeHttp();
        var pd = cluster.PdUrls[0] + "/pd/api/v1";

        cluster.Store(4).Kill();
        clock.Advance(TimeSpan.FromMinutes(9));
        var early = await http.GetJsonAsync(pd + "/regions/check/down-peer");
        var leadersEarly = await LeaderStoresAsync(http, pd);
        clock.Advance(TimeSpan.FromMinutes(2));
        var late = await http.GetJsonAsync(pd + "/regions/check/down-peer");

        Assert.Equal(0, early.GetProperty("count").GetInt32());
        Assert.DoesNotContain(4UL, leadersEarly);
        Assert.Equal(30, late.GetProperty("count").GetInt32());
        foreach (var region in late.GetProperty("regions").EnumerateArray())
        {
            var down = Assert.Single(region.GetProperty("down_peers").EnumerateArray());
            Assert.Equal(4UL, down.GetProperty("peer").GetProperty("store_id").GetUInt64());
            Assert.InRange(down.GetProperty("down_seconds").GetInt64(), 600, 670);
        }
    }

    [Fact]
    public async Task Offline_store_makes_its_regions_offline_peer_regions()
    {
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { StoreCount = 5, RegionCount = 50 });
        using var http = new FakeHttp();

        cluster.Store(7).SetPdState(StoreStateName.Offline);
        var offline = await http.GetJsonAsync(cluster.PdUrls[0] + "/pd/api/v1/regions/check/offline-peer");

        Assert.Equal(cluster.Store(7).Status.RegionCount, offline.GetProperty("count").GetInt32());
        Assert.All(offline.GetProperty("regions").EnumerateArray(), r =>
            Assert.Contains(7UL, r.GetProperty("peers").EnumerateArray().Select(p => p.GetProperty("store_id").GetUInt64())));
    }

    [Fact]
    public async Task Status_server_exports_the_store_metrics_in_prometheus_text()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        var store = cluster.Store(4);
        store.Status = store.Status with { CapacityBytes = 100L << 30, AvailableBytes = 20L << 30 };

        var metrics = await http.GetAsync($"http://{store.StatusAddress}/metrics");

        Assert.Equal(200, metrics.Status);
        var scrape = Operator.Core.Metrics.PrometheusTextParser.Parse(metrics.Body);
        Assert.Equal(0, scrape.SkippedLines);
        Assert.Equal(20.0 * (1L << 30), scrape.Value("tikv_store_size_bytes", s => s.Label("type") == "available"));
        Assert.Contains(scrape.Series("tikv_grpc_msg_duration_seconds_bucket"), s => s.Label("le") == "+Inf");
        Assert.Equal(404, (await http.GetAsync($"http://{store.StatusAddress}/nope")).Status);
    }

    private static async Task<string?> PdStateAsync(FakeHttp http, FakeTikvCluster cluster, ulong id)
    {
        var stores = await http.GetJsonAsync(cluster.PdUrls[0] + "/pd/api/v1/stores");
        return stores.GetProperty("stores").EnumerateArray()
            .Select(s => s.GetProperty("store"))
            .Single(s => s.GetProperty("id").GetUInt64() == id)
            .GetProperty("state_name").GetString();
    }

    private static async Task<List<ulong>> LeaderStoresAsync(FakeHttp http, string pd)
    {
        var regions = await http.GetJsonAsync(pd + "/regions");
        return regions.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("leader").GetProperty("store_id").GetUInt64()).ToList();
    }
}
