using Operator.Core.Http;
using Operator.Testing;
using Operator.TiKV.Pd;
using Operator.TiKV.Tests.Fixtures;

namespace Operator.TiKV.Tests.Pd;

/// <summary>Every PD call against an answer shaped as PD v8.5.5 sends it (Fixtures/pd, from the reference).</summary>
public sealed class PdClientContractTests
{
    // Generous: only the timeout tests depend on a deadline firing, and a cold JIT must not look like a hang.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Health_lists_every_member_with_ids_above_2_pow_63_and_its_health()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/health", Fixture.Json("pd/health.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.HealthAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(pd.Url, result.AnsweredBy);
        Assert.Empty(result.FailedEndpoints);
        Assert.Equal(["pd0", "pd1", "pd2"], result.Value.Select(m => m.Name));
        Assert.Equal(16037373590613441280UL, result.Value[2].MemberId);
        Assert.Equal(["http://pd2:2379"], result.Value[2].ClientUrls);
        Assert.Equal([true, true, false], result.Value.Select(m => m.Health));
    }

    [Fact]
    public async Task Members_name_the_pd_leader_and_keep_uint64_ids_exact()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/members", Fixture.Json("pd/members.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.MembersAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        var members = result.Value;
        Assert.Equal(7463612359581402117UL, members.Header.ClusterId);
        Assert.Equal(3, members.Members.Count);
        Assert.Equal("pd1", members.Leader!.Name);
        Assert.Equal(10941208736227395611UL, members.Leader.MemberId);
        Assert.Equal(["http://pd1:2379"], members.Leader.ClientUrls);
        Assert.Equal("pd1", members.EtcdLeader!.Name);
        Assert.Equal("v8.5.5", members.Members[0].BinaryVersion);
        Assert.Equal(0, members.Members[0].LeaderPriority); // omitted on the wire when zero
    }

    [Fact]
    public async Task Leader_is_one_member_object()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/leader", Fixture.Json("pd/leader.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.LeaderAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal("pd1", result.Value.Name);
        Assert.Equal(10941208736227395611UL, result.Value.MemberId);
        Assert.Equal(["http://pd1:2380"], result.Value.PeerUrls);
    }

    [Fact]
    public async Task Stores_read_an_up_store_without_state_key_and_computed_disconnected_and_down_states()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/stores", Fixture.Json("pd/stores.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.StoresAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(4, result.Value.Count);
        Assert.Empty(result.Value.Problems);
        var stores = result.Value.Stores;
        Assert.Equal([1UL, 4UL, 5UL, 9007199254740993UL], stores.Select(s => s.Store.Id));
        Assert.Equal(
            [PdStoreState.Up, PdStoreState.Disconnected, PdStoreState.Down, PdStoreState.Offline],
            stores.Select(s => s.Store.State));

        // An Up store has no "state" key; Disconnected and Down are PD's names while the stored state is still Up.
        Assert.All(stores.Take(3), s => Assert.Equal(PdStoredState.Up, s.Store.StoredState));
        Assert.Equal(PdStoredState.Offline, stores[3].Store.StoredState);
        Assert.Equal(PdNodeState.Removing, stores[3].Store.NodeState);
        Assert.Equal(PdNodeState.Serving, stores[0].Store.NodeState);
        Assert.Equal([new PdStoreLabel { Key = "zone", Value = "z3" }], stores[3].Store.Labels);
    }

    [Fact]
    public async Task Store_meta_and_status_fields_parse_from_their_wire_forms()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/stores", Fixture.Json("pd/stores.json")));
        using var client = new PdClient([pd.Url]);

        var stores = (await client.StoresAsync(Deadline, CancellationToken.None)).Value!.Stores;

        var up = stores[0];
        Assert.Equal("tikv0:20160", up.Store.Address);
        Assert.Equal("tikv0:20180", up.Store.StatusAddress);
        Assert.Equal("8.5.5", up.Store.Version);
        Assert.Equal(1769335202, up.Store.StartTimestamp);
        Assert.Equal(DateTimeOffset.Parse("2026-01-25T10:15:31.4567890Z", System.Globalization.CultureInfo.InvariantCulture), up.Store.LastHeartbeatAt);
        Assert.Equal(TimeSpan.FromSeconds(2), up.Store.HeartbeatAge(new DateTimeOffset(2026, 1, 25, 10, 15, 33, 456, TimeSpan.Zero).AddTicks(7890)));
        Assert.Equal(250L << 30, up.Status.CapacityBytes);
        Assert.Equal((long)Math.Round(187.4 * (1L << 30)), up.Status.AvailableBytes);
        Assert.Equal((long)Math.Round(96.52 * (1L << 20)), up.Status.UsedBytes);
        Assert.Equal(1 - (187.4 / 250), up.Status.DiskUsedRatio!.Value, precision: 9);
        Assert.Equal(12, up.Status.LeaderCount);
        Assert.Equal(36, up.Status.RegionCount);
        Assert.Equal(1260.2, up.Status.RegionScore);
        Assert.Equal(420, up.Status.LeaderSize);
        Assert.Equal(1, up.Status.SlowScore);
        Assert.Equal(0, up.Status.PendingPeerCount); // omitted when zero
        Assert.Equal(new DateTimeOffset(2026, 1, 25, 10, 0, 2, TimeSpan.Zero), up.Status.StartTs);
        Assert.Equal(new DateTimeOffset(2026, 1, 25, 10, 15, 31, TimeSpan.Zero).AddTicks(4567890), up.Status.LastHeartbeatTs);
        Assert.Equal(new TimeSpan(0, 0, 15, 29).Add(TimeSpan.FromTicks(4567890)), up.Status.UptimeSpan);

        var down = stores[2];
        Assert.Equal(4, down.Status.PendingPeerCount);
        Assert.Equal(1 - (9.313 / 250), down.Status.DiskUsedRatio!.Value, precision: 9);
        Assert.Equal(TimeSpan.FromSeconds((31 * 60) + 21), down.Store.HeartbeatAge(new DateTimeOffset(2026, 1, 25, 10, 15, 31, TimeSpan.Zero)));

        var offline = stores[3];
        Assert.Equal(85, offline.Status.SlowScore);
        Assert.Equal(2, offline.Status.PendingPeerCount);
        Assert.True(offline.Status.IsBusy);
        Assert.Equal(1, offline.Status.SendingSnapCount);
        Assert.Equal(1, offline.Status.NetworkSlowScore["4"]);
        Assert.Equal(-0.1, offline.Status.SlowTrend!.ResultRate);
        Assert.Equal((long)Math.Round(1.598 * (1L << 40)), offline.Status.CapacityBytes);
        Assert.Equal(0, offline.Status.UsedBytes);
    }

    [Fact]
    public async Task Store_by_id_is_one_unwrapped_entry()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/store/1", Fixture.Json("pd/store-1.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.StoreAsync(1, Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(1UL, result.Value.Store.Id);
        Assert.Equal(PdStoreState.Up, result.Value.Store.State);
        Assert.Equal("tikv0:20180", result.Value.Store.StatusAddress);
        Assert.Equal(12, result.Value.Status.LeaderCount);
    }

    [Fact]
    public async Task Unknown_store_is_not_found_with_pd_code_and_no_other_endpoint_is_asked()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/store/9", Fixture.Json("pd/error-store-not-found.json", 404)));
        await using var other = Fixture.Serve();
        using var client = new PdClient([pd.Url, other.Url]);

        var result = await client.StoreAsync(9, Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.NotFound, result.Failure!.Kind);
        Assert.Equal(404, result.Failure.HttpStatus);
        Assert.Equal(PdErrorCodes.StoreNotFound, result.Failure.ErrorCode);
        Assert.Equal($"get store 9 from {Display(pd.Url)}: HTTP 404: [PD:core:ErrStoreNotFound]store 9 not found", result.Failure.Message);
        Assert.Equal(pd.Url, result.AnsweredBy);
        Assert.Equal(0, other.Connections);
    }

    [Fact]
    public async Task Region_by_id_reads_peers_leader_down_and_pending_peers()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/region/id/2", Fixture.Json("pd/region-2.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.RegionAsync(2, Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        var region = result.Value;
        Assert.Equal(2UL, region.Id);
        Assert.Equal("", region.StartKey);
        Assert.Equal("7573657231333937383138373135333731393433", region.EndKey);
        Assert.Equal(5UL, region.Epoch.ConfVer);
        Assert.Equal(3UL, region.Epoch.Version);
        Assert.Equal([1UL, 4UL, 5UL], region.Peers.Select(p => p.StoreId));
        Assert.All(region.Peers, p => Assert.Equal(0, p.Role)); // Voter: no "role" key
        Assert.True(region.HasLeader);
        Assert.Equal(1UL, region.Leader.StoreId);
        Assert.Equal(27UL, region.DownPeers.Single().Peer.Id);
        Assert.Equal(615UL, region.DownPeers.Single().DownSeconds);
        Assert.Equal(5UL, region.PendingPeers.Single().StoreId);
        Assert.Equal(1048576UL, region.WrittenBytes);
        Assert.Equal(48, region.ApproximateSize);
        Assert.Equal(41230, region.ApproximateKeys);
    }

    [Fact]
    public async Task Region_whose_leader_has_an_empty_role_name_has_no_leader()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/region/id/18446744073709551557", Fixture.Json("pd/region-no-leader.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.RegionAsync(18446744073709551557UL, Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        var region = result.Value;
        Assert.Equal(18446744073709551557UL, region.Id);
        Assert.False(region.HasLeader);
        Assert.Equal("", region.Leader.RoleName);
        Assert.Equal(0UL, region.Leader.StoreId);
        Assert.Empty(region.DownPeers);
        Assert.Empty(region.PendingPeers);
        var learner = region.Peers[1];
        Assert.Equal(("Learner", 1, true), (learner.RoleName, learner.Role, learner.IsLearner));
        Assert.Equal(18446744073709551559UL, learner.Id);
    }

    [Fact]
    public async Task Unknown_region_id_answered_with_a_zeroed_region_is_not_found()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/region/id/99", Fixture.Json("pd/region-unknown.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.RegionAsync(99, Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.NotFound, result.Failure!.Kind);
        Assert.Equal($"get region 99 from {Display(pd.Url)}: PD knows no region 99 (it answered an empty region)", result.Failure.Message);
        Assert.Equal(pd.Url, result.AnsweredBy);
    }

    [Fact]
    public async Task Region_count_reads_count_without_listing_regions()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/regions/count", Fixture.Json("pd/regions-count.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.RegionCountAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(36, result.Value.Count);
        Assert.Equal(["/pd/api/v1/regions/count"], pd.Requests);
    }

    [Theory]
    [InlineData(PdRegionCheckKind.MissPeer, "miss-peer")]
    [InlineData(PdRegionCheckKind.DownPeer, "down-peer")]
    [InlineData(PdRegionCheckKind.PendingPeer, "pending-peer")]
    [InlineData(PdRegionCheckKind.OfflinePeer, "offline-peer")]
    [InlineData(PdRegionCheckKind.ExtraPeer, "extra-peer")]
    public async Task Region_check_counts_and_samples_big_region_ids_from_its_own_path(PdRegionCheckKind kind, string path)
    {
        await using var pd = Fixture.Serve(($"/pd/api/v1/regions/check/{path}", Fixture.Json("pd/regions-check-miss-peer.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.CheckRegionsAsync(kind, Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(kind, result.Value.Kind);
        Assert.Equal(3, result.Value.Count);
        Assert.Equal([14UL, 9007199254740995UL, 18446744073709551557UL], result.Value.SampleIds);
        Assert.Equal(path, kind.WireName());
    }

    [Fact]
    public async Task Region_check_sample_stops_at_the_configured_size()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/regions/check/miss-peer", Fixture.Json("pd/regions-check-miss-peer.json")));
        using var client = new PdClient([pd.Url], options: new PdClientOptions { RegionSampleSize = 2 });

        var result = await client.CheckRegionsAsync(PdRegionCheckKind.MissPeer, Deadline, CancellationToken.None);

        Assert.Equal(3, result.Value!.Count);
        Assert.Equal([14UL, 9007199254740995UL], result.Value.SampleIds);
    }

    [Fact]
    public async Task Region_check_with_no_regions_is_zero_and_an_empty_sample()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/regions/check/down-peer", Fixture.Json("pd/regions-check-empty.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.CheckRegionsAsync(PdRegionCheckKind.DownPeer, Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(0, result.Value.Count);
        Assert.Empty(result.Value.SampleIds);
    }

    [Fact]
    public async Task Cluster_status_reads_bootstrap_time_with_nanoseconds()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/cluster/status", Fixture.Json("pd/cluster-status.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.ClusterStatusAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.True(result.Value.IsInitialized);
        Assert.Equal(new DateTimeOffset(2026, 1, 25, 10, 0, 5, TimeSpan.Zero).AddTicks(1234567), result.Value.RaftBootstrapTime);
        Assert.Equal("", result.Value.ReplicationStatus);
    }

    [Fact]
    public async Task Cluster_status_before_bootstrap_has_no_bootstrap_time()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/cluster/status", Fixture.Json("pd/cluster-status-not-bootstrapped.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.ClusterStatusAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.False(result.Value.IsInitialized);
        Assert.Null(result.Value.RaftBootstrapTime);
    }

    [Fact]
    public async Task Schedule_config_reads_string_booleans_go_durations_and_limits()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/config/schedule", Fixture.Json("pd/config-schedule.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.ScheduleConfigAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        var config = result.Value;
        Assert.Equal(TimeSpan.FromMinutes(30), config.MaxStoreDownTimeSpan);
        Assert.Equal(TimeSpan.FromMilliseconds(10), config.PatrolRegionIntervalSpan);
        Assert.Equal(TimeSpan.FromHours(1), config.SplitMergeIntervalSpan);
        Assert.Equal("48h0m0s", config.MaxStorePreparingTime);
        Assert.Equal(4, config.LeaderScheduleLimit);
        Assert.Equal(2048, config.RegionScheduleLimit);
        Assert.Equal(64, config.ReplicaScheduleLimit);
        Assert.Equal(8, config.MergeScheduleLimit);
        Assert.Equal(4, config.HotRegionScheduleLimit);
        Assert.Equal(3, config.HotRegionCacheHitsThreshold);
        Assert.Equal(0.8, config.LowSpaceRatio);
        Assert.Equal(0.7, config.HighSpaceRatio);
        Assert.Equal("count", config.LeaderSchedulePolicy);
        Assert.True(config.EnableRemoveDownReplica);
        Assert.True(config.EnableMakeUpReplica);
    }

    [Fact]
    public async Task Schedule_config_with_a_false_string_boolean_reads_false()
    {
        const string body = """{"max-store-down-time": "1h0m0s", "enable-remove-down-replica": "false", "enable-make-up-replica": false}""";
        await using var pd = Fixture.Serve(("/pd/api/v1/config/schedule", FakeHttpServer.Response(200, Fixture.PdJson, body)));
        using var client = new PdClient([pd.Url]);

        var config = (await client.ScheduleConfigAsync(Deadline, CancellationToken.None)).Value!;

        Assert.False(config.EnableRemoveDownReplica);
        Assert.False(config.EnableMakeUpReplica);
        Assert.Equal(TimeSpan.FromHours(1), config.MaxStoreDownTimeSpan);
    }

    [Fact]
    public async Task Not_bootstrapped_is_pd_verdict_with_its_code()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/stores", Fixture.Json("pd/error-not-bootstrapped.json", 500)));
        await using var other = Fixture.Serve();
        using var client = new PdClient([pd.Url, other.Url]);

        var result = await client.StoresAsync(Deadline, CancellationToken.None);

        Assert.True(result.NotBootstrapped, result.ToString());
        Assert.Equal(HttpFailureKind.HttpError, result.Failure!.Kind);
        Assert.Equal(500, result.Failure.HttpStatus);
        Assert.Equal(
            $"list stores from {Display(pd.Url)}: HTTP 500: [PD:cluster:ErrNotBootstrapped]TiKV cluster not bootstrapped, please start TiKV first",
            result.Failure.Message);
        Assert.Equal(0, other.Connections);
    }

    [Fact]
    public async Task A_full_round_of_calls_never_lists_all_regions()
    {
        await using var pd = FakeHttpServer.Routing(target => target == "/pd/api/v1/regions"
            ? FakeHttpServer.Response(500, "text/plain", "must not be asked")
            : Fixture.Json(target switch
            {
                "/pd/api/v1/health" => "pd/health.json",
                "/pd/api/v1/members" => "pd/members.json",
                "/pd/api/v1/stores" => "pd/stores.json",
                "/pd/api/v1/regions/count" => "pd/regions-count.json",
                "/pd/api/v1/cluster/status" => "pd/cluster-status.json",
                "/pd/api/v1/config/schedule" => "pd/config-schedule.json",
                _ => "pd/regions-check-miss-peer.json",
            }));
        using var client = new PdClient([pd.Url]);

        Assert.True((await client.HealthAsync(Deadline, CancellationToken.None)).Ok);
        Assert.True((await client.MembersAsync(Deadline, CancellationToken.None)).Ok);
        Assert.True((await client.StoresAsync(Deadline, CancellationToken.None)).Ok);
        Assert.True((await client.RegionCountAsync(Deadline, CancellationToken.None)).Ok);
        Assert.True((await client.ClusterStatusAsync(Deadline, CancellationToken.None)).Ok);
        Assert.True((await client.ScheduleConfigAsync(Deadline, CancellationToken.None)).Ok);
        foreach (var kind in PdRegionCheckKinds.All)
        {
            Assert.True((await client.CheckRegionsAsync(kind, Deadline, CancellationToken.None)).Ok);
        }

        Assert.Equal(11, pd.Requests.Count);
        Assert.DoesNotContain("/pd/api/v1/regions", pd.Requests);
    }

    private static string Display(Uri url) => DeadlineHttpClient.Display(url);
}
