using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Operator.FakeTikv;
using Operator.FakeTikv.Tikv;

namespace Operator.TiKV.Tests.Fake;

/// <summary>The fake PD answers in the shapes of tikv-pd.md §1: keys, omissions, number types, sizes, times, errors.</summary>
public sealed partial class FakePdShapeTests
{
    private const ulong Above2To53 = 1UL << 53;

    [Fact]
    public async Task Stores_list_up_stores_with_reference_fields_and_omits_zero_values()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();

        var reply = await http.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/stores");

        Assert.Equal(200, reply.Status);
        Assert.Equal("application/json; charset=UTF-8", reply.ContentType);
        Assert.EndsWith("}\n", reply.Body, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"count\": 3,\n  \"stores\": [\n    {\n      \"store\": {\n        \"id\": ", reply.Body, StringComparison.Ordinal);
        var json = reply.Json;
        Assert.Equal(3, json.GetProperty("count").GetInt32());
        var stores = json.GetProperty("stores").EnumerateArray().ToList();
        Assert.Equal([1UL, 4UL, 5UL], stores.Select(s => s.GetProperty("store").GetProperty("id").GetUInt64()));
        foreach (var info in stores)
        {
            var store = info.GetProperty("store");
            Assert.Equal(
                ["id", "address", "version", "peer_address", "status_address", "git_hash", "start_timestamp", "deploy_path", "last_heartbeat", "node_state", "state_name"],
                store.EnumerateObject().Select(p => p.Name));
            Assert.Equal("Up", store.GetProperty("state_name").GetString());
            Assert.Equal(1, store.GetProperty("node_state").GetInt32());
            Assert.Equal("8.5.5", store.GetProperty("version").GetString());
            Assert.NotEqual(store.GetProperty("address").GetString(), store.GetProperty("status_address").GetString());
            var lastHeartbeatNs = store.GetProperty("last_heartbeat").GetInt64();
            var startSeconds = store.GetProperty("start_timestamp").GetInt64();
            Assert.InRange(lastHeartbeatNs / 1_000_000_000, startSeconds, startSeconds + 7200);

            var status = info.GetProperty("status");
            foreach (var size in new[] { "capacity", "available", "used_size" })
            {
                Assert.Matches(SizePattern(), status.GetProperty(size).GetString());
            }

            Assert.Equal("250GiB", status.GetProperty("capacity").GetString());
            Assert.Equal(JsonValueKind.Number, status.GetProperty("leader_count").ValueKind);
            Assert.Equal(36, status.GetProperty("region_count").GetInt32());
            Assert.Equal(1, status.GetProperty("slow_score").GetInt32());
            Assert.False(status.TryGetProperty("pending_peer_count", out _));
            Assert.False(status.TryGetProperty("is_busy", out _));
            Assert.Matches(Rfc3339Pattern(), status.GetProperty("last_heartbeat_ts").GetString());
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", status.GetProperty("start_ts").GetString());
            Assert.Matches(@"^(\d+h)?(\d+m)?\d+(\.\d+)?s$", status.GetProperty("uptime").GetString());
        }

        // Leaders spread over the stores, 36 regions with 3 replicas on 3 stores.
        Assert.Equal(36, stores.Sum(s => s.GetProperty("status").GetProperty("leader_count").GetInt32()));
    }

    [Fact]
    public async Task Status_address_is_the_listening_status_server_and_address_is_a_closed_port()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();

        var stores = (await http.GetJsonAsync(cluster.PdUrls[0] + "/pd/api/v1/stores")).GetProperty("stores");

        foreach (var info in stores.EnumerateArray())
        {
            var store = info.GetProperty("store");
            Assert.Equal(200, (await http.GetAsync($"http://{store.GetProperty("status_address").GetString()}/status")).Status);
            Assert.True(await http.IsRefusedAsync($"http://{store.GetProperty("address").GetString()}/status"));
        }
    }

    [Fact]
    public async Task Stores_state_filter_is_numeric_hides_tombstones_by_default_and_rejects_garbage_like_pd()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        cluster.Store(5).SetPdState(StoreStateName.Tombstone);
        cluster.Store(4).SetPdState(StoreStateName.Offline);
        var pd = cluster.PdUrls[0] + "/pd/api/v1";

        var byDefault = await http.GetJsonAsync(pd + "/stores");
        var tombstones = await http.GetJsonAsync(pd + "/stores?state=2");
        var upAndTombstone = await http.GetJsonAsync(pd + "/stores?state=0&state=2");
        var notNumeric = await http.GetAsync(pd + "/stores?state=Up");
        var unknown = await http.GetAsync(pd + "/stores?state=7");

        Assert.Equal([1UL, 4UL], Ids(byDefault));
        var offline = byDefault.GetProperty("stores")[1].GetProperty("store");
        Assert.Equal(1, offline.GetProperty("state").GetInt32());
        Assert.Equal(2, offline.GetProperty("node_state").GetInt32());
        Assert.Equal("Offline", offline.GetProperty("state_name").GetString());
        Assert.Equal([5UL], Ids(tombstones));
        Assert.Equal(2, tombstones.GetProperty("stores")[0].GetProperty("store").GetProperty("state").GetInt32());
        Assert.Equal([1UL, 5UL], Ids(upAndTombstone));
        Assert.Equal((500, "strconv.Atoi: parsing \"Up\": invalid syntax"), (notNumeric.Status, notNumeric.Json.GetString()));
        Assert.Equal((500, "unknown StoreState: 7"), (unknown.Status, unknown.Json.GetString()));
    }

    [Fact]
    public async Task Stores_check_filters_on_computed_state_names_case_insensitively()
    {
        var clock = new ManualClock();
        await using var cluster = FakeTikvCluster.Start(time: clock);
        using var http = new FakeHttp();
        cluster.Store(4).SetHeartbeatAge(TimeSpan.FromSeconds(45));
        cluster.Store(5).SetPdState(StoreStateName.Tombstone);
        var pd = cluster.PdUrls[1] + "/pd/api/v1";

        var all = await http.GetJsonAsync(pd + "/stores/check");
        var disconnected = await http.GetJsonAsync(pd + "/stores/check?state=disconnected");
        var unknown = await http.GetAsync(pd + "/stores/check?state=sleepy");

        Assert.Equal([1UL, 4UL, 5UL], Ids(all));
        Assert.Equal([4UL], Ids(disconnected));
        Assert.Equal((400, "unknown StoreState: sleepy"), (unknown.Status, unknown.Json.GetString()));
    }

    [Fact]
    public async Task Store_by_id_answers_one_store_info_a_coded_404_or_an_errcode_400()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        var pd = cluster.PdUrls[0] + "/pd/api/v1";

        var found = await http.GetJsonAsync(pd + "/store/4");
        var missing = await http.GetAsync(pd + "/store/9");
        var garbage = await http.GetAsync(pd + "/store/abc");

        Assert.Equal(4UL, found.GetProperty("store").GetProperty("id").GetUInt64());
        Assert.True(found.TryGetProperty("status", out _));
        Assert.Equal(404, missing.Status);
        Assert.Equal("[PD:core:ErrStoreNotFound]store 9 not found", missing.Json.GetString());
        Assert.Equal(400, garbage.Status);
        Assert.Equal("input", garbage.Headers["TiDB-Error-Code"]);
        Assert.Equal("input", garbage.Json.GetProperty("code").GetString());
        Assert.Contains("invalid syntax", garbage.Json.GetProperty("msg").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, garbage.Json.GetProperty("data").ValueKind);
    }

    [Fact]
    public async Task Members_and_health_carry_uint64_ids_above_2_pow_53_and_the_leader()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();

        var members = await http.GetJsonAsync(cluster.PdUrls[0] + "/pd/api/v1/members");
        var health = await http.GetJsonAsync(cluster.PdUrls[2] + "/pd/api/v1/health");
        var leader = await http.GetJsonAsync(cluster.PdUrls[0] + "/pd/api/v1/leader");

        Assert.True(members.GetProperty("header").GetProperty("cluster_id").GetUInt64() > Above2To53);
        var ids = members.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("member_id").GetUInt64()).ToList();
        Assert.Equal(["pd0", "pd1", "pd2"], members.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.All(ids, id => Assert.True(id > Above2To53));
        Assert.Contains(ids, id => id > long.MaxValue);
        Assert.False(members.GetProperty("members")[0].TryGetProperty("leader_priority", out _));
        Assert.Equal("pd1", members.GetProperty("leader").GetProperty("name").GetString());
        Assert.Equal("pd1", members.GetProperty("etcd_leader").GetProperty("name").GetString());
        Assert.Equal(cluster.PdUrls, members.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("client_urls")[0].GetString()));
        Assert.Equal("pd1", leader.GetProperty("name").GetString());
        Assert.Equal(ids, health.EnumerateArray().Select(h => h.GetProperty("member_id").GetUInt64()));
        Assert.All(health.EnumerateArray(), h => Assert.True(h.GetProperty("health").GetBoolean()));
    }

    [Fact]
    public async Task Ping_answers_200_with_an_empty_body()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();

        var ping = await http.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/ping");

        Assert.Equal((200, ""), (ping.Status, ping.Body));
    }

    [Fact]
    public async Task Regions_count_is_indented_with_null_regions()
    {
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { RegionCount = 1234 });
        using var http = new FakeHttp();

        var reply = await http.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/regions/count");

        Assert.Equal("{\n  \"count\": 1234,\n  \"regions\": null\n}\n", reply.Body);
    }

    [Fact]
    public async Task Region_by_id_is_compact_easyjson_and_unknown_ids_get_a_zeroed_region()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        var pd = cluster.PdUrls[0] + "/pd/api/v1";
        var firstId = (await http.GetJsonAsync(pd + "/regions/key?limit=1")).GetProperty("regions")[0].GetProperty("id").GetUInt64();

        var known = await http.GetAsync($"{pd}/region/id/{firstId}");
        var unknown = await http.GetAsync(pd + "/region/id/3");
        var garbage = await http.GetAsync(pd + "/region/id/abc");

        Assert.Equal("application/octet-stream", known.ContentType);
        Assert.DoesNotContain('\n', known.Body);
        var region = known.Json;
        Assert.Equal(
            ["id", "start_key", "end_key", "epoch", "peers", "leader", "cpu_usage", "written_bytes", "read_bytes", "written_keys", "read_keys", "approximate_size", "approximate_keys"],
            region.EnumerateObject().Select(p => p.Name));
        Assert.Equal("", region.GetProperty("start_key").GetString());
        Assert.Matches("^[0-9A-F]+$", region.GetProperty("end_key").GetString());
        var peers = region.GetProperty("peers").EnumerateArray().ToList();
        Assert.Equal(3, peers.Count);
        Assert.All(peers, p => Assert.Equal(["role_name", "id", "store_id"], p.EnumerateObject().Select(x => x.Name)));
        Assert.Equal([1UL, 4UL, 5UL], peers.Select(p => p.GetProperty("store_id").GetUInt64()).Order());
        Assert.Contains(peers, p => p.GetProperty("id").GetUInt64() == region.GetProperty("leader").GetProperty("id").GetUInt64());

        Assert.Equal(200, unknown.Status);
        Assert.Equal(0UL, unknown.Json.GetProperty("id").GetUInt64());
        Assert.Equal("{\"role_name\":\"\"}", unknown.Json.GetProperty("leader").GetRawText());
        Assert.False(unknown.Json.TryGetProperty("peers", out _));
        Assert.Equal((400, "strconv.ParseUint: parsing \"abc\": invalid syntax"), (garbage.Status, garbage.Json.GetString()));
    }

    [Fact]
    public async Task Regions_key_pages_through_the_key_space_in_order()
    {
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { RegionCount = 40 });
        using var http = new FakeHttp();
        var pd = cluster.PdUrls[0] + "/pd/api/v1";
        var ids = new List<ulong>();
        var key = "";

        for (var page = 0; page < 10; page++)
        {
            var regions = (await http.GetJsonAsync($"{pd}/regions/key?key={key}&format=hex&limit=16")).GetProperty("regions").EnumerateArray().ToList();
            ids.AddRange(regions.Select(r => r.GetProperty("id").GetUInt64()));
            key = regions[^1].GetProperty("end_key").GetString()!;
            if (key.Length == 0 || regions.Count < 16)
            {
                break;
            }
        }

        Assert.Equal(40, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Miss_peer_check_lists_exactly_the_designated_regions_with_two_peers()
    {
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { RegionCount = 500, MissPeerRegions = 37 });
        using var http = new FakeHttp();
        var pd = cluster.PdUrls[0] + "/pd/api/v1/regions/check/";

        var missPeer = await http.GetAsync(pd + "miss-peer");
        var pending = await http.GetJsonAsync(pd + "pending-peer");
        var learner = await http.GetJsonAsync(pd + "learner-peer");
        var bogus = await http.GetAsync(pd + "bogus-peer");

        Assert.Equal("application/octet-stream", missPeer.ContentType);
        var json = missPeer.Json;
        Assert.Equal(37, json.GetProperty("count").GetInt32());
        var regions = json.GetProperty("regions").EnumerateArray().ToList();
        Assert.Equal(37, regions.Count);
        Assert.All(regions, r => Assert.Equal(2, r.GetProperty("peers").GetArrayLength()));
        Assert.All(regions, r => Assert.True(r.GetProperty("leader").TryGetProperty("store_id", out _)));
        Assert.Equal("{\"count\":0,\"regions\":[]}", JsonSerializer.Serialize(pending));
        Assert.Equal(0, learner.GetProperty("count").GetInt32());
        Assert.Equal((404, "404 page not found\n"), (bogus.Status, bogus.Body));
    }

    [Fact]
    public async Task Cluster_status_and_schedule_config_match_pd_defaults()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        var pd = cluster.PdUrls[0] + "/pd/api/v1";

        var clusterInfo = await http.GetJsonAsync(pd + "/cluster");
        var status = await http.GetJsonAsync(pd + "/cluster/status");
        var schedule = await http.GetJsonAsync(pd + "/config/schedule");

        Assert.Equal(cluster.ClusterId, clusterInfo.GetProperty("id").GetUInt64());
        Assert.Equal(3, clusterInfo.GetProperty("max_peer_count").GetInt32());
        Assert.True(status.GetProperty("is_initialized").GetBoolean());
        Assert.Matches(Rfc3339Pattern(), status.GetProperty("raft_bootstrap_time").GetString());
        Assert.Equal("30m0s", schedule.GetProperty("max-store-down-time").GetString());
        Assert.Equal("true", schedule.GetProperty("enable-replace-offline-replica").GetString());
        Assert.Equal(0.8, schedule.GetProperty("low-space-ratio").GetDouble());
        Assert.Equal(4, schedule.GetProperty("leader-schedule-limit").GetInt32());
        Assert.Equal(["1", "4", "5"], schedule.GetProperty("store-limit").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Before_bootstrap_cluster_scoped_endpoints_answer_err_not_bootstrapped()
    {
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { Bootstrapped = false });
        using var http = new FakeHttp();
        var pd = cluster.PdUrls[0] + "/pd/api/v1";

        var stores = await http.GetAsync(pd + "/stores");
        var region = await http.GetAsync(pd + "/region/id/6");
        var health = await http.GetAsync(pd + "/health");
        var members = await http.GetAsync(pd + "/members");
        var status = await http.GetJsonAsync(pd + "/cluster/status");
        cluster.Bootstrap();
        var afterwards = await http.GetAsync(pd + "/stores");

        Assert.Equal(500, stores.Status);
        Assert.Equal("[PD:cluster:ErrNotBootstrapped]TiKV cluster not bootstrapped, please start TiKV first", stores.Json.GetString());
        Assert.Equal(500, region.Status);
        Assert.Equal((200, 200), (health.Status, members.Status));
        Assert.False(status.GetProperty("is_initialized").GetBoolean());
        Assert.False(status.TryGetProperty("raft_bootstrap_time", out _));
        Assert.Equal(200, afterwards.Status);
    }

    [Fact]
    public async Task Requests_are_recorded_per_server_and_path()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();

        await http.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/stores?state=0");
        await http.GetAsync(cluster.PdUrls[2] + "/pd/api/v1/stores");
        await http.GetAsync($"http://{cluster.Store(4).StatusAddress}/status");

        Assert.Equal(2, cluster.Requests.CountOf("/pd/api/v1/stores"));
        Assert.Equal(1, cluster.Requests.CountOf("pd2", "/pd/api/v1/stores"));
        Assert.Equal(1, cluster.Requests.CountOf("store4", "/status"));
        Assert.Equal(0, cluster.Requests.CountOf("/pd/api/v1/regions"));
    }

    private static ulong[] Ids(JsonElement storesInfo) =>
        storesInfo.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("store").GetProperty("id").GetUInt64()).ToArray();

    [GeneratedRegex("^([0-9.]+)(B|KiB|MiB|GiB|TiB|PiB|EiB)$")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$")]
    private static partial Regex Rfc3339Pattern();
}
