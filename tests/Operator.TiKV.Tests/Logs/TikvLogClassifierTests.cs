using Operator.TiKV.Logs;

namespace Operator.TiKV.Tests.Logs;

public sealed class TikvLogClassifierTests
{
    // One real-shaped line per message of the reference's §4.2 (TiKV fields in reverse call-site order, then the
    // logger context, then thread_id; PD keys in kebab case).
    public static TheoryData<string, TikvLogEventKind> Lines => new()
    {
        { "[INFO] [raft.rs:1271] [\"became leader at term 7\"] [term=7] [raft_id=16] [region_id=2] [thread_id=31]", TikvLogEventKind.BecameLeader },
        { "[INFO] [raft.rs:1164] [\"became follower at term 7\"] [from_role=PreCandidate] [term=7] [raft_id=17] [region_id=2] [thread_id=30]", TikvLogEventKind.BecameFollower },
        { "[INFO] [raft.rs:1189] [\"became candidate at term 7\"] [term=7] [raft_id=16] [region_id=2] [thread_id=31]", TikvLogEventKind.BecameCandidate },
        { "[INFO] [raft.rs:1215] [\"became pre-candidate at term 6\"] [term=6] [raft_id=16] [region_id=2] [thread_id=31]", TikvLogEventKind.BecameCandidate },
        { "[INFO] [raft.rs:1571] [\"starting a new election\"] [term=6] [raft_id=16] [region_id=2] [thread_id=31]", TikvLogEventKind.ElectionStarted },
        { "[INFO] [raft.rs:1401] [\"received a message with higher term from 16\"] [\"msg type\"=MsgRequestPreVote] [message_term=7] [term=6] [from=16] [raft_id=18] [region_id=2] [thread_id=29]", TikvLogEventKind.HigherTermReceived },
        { "[INFO] [raft.rs:1959] [\"[term 7] starts to transfer leadership to 18\"] [lead_transferee=18] [term=7] [raft_id=16] [region_id=2] [thread_id=31]", TikvLogEventKind.TransferLeader },
        { "[INFO] [raft.rs:2402] [\"[term 7] received MsgTimeoutNow from 16 and starts an election to get leadership.\"] [from=16] [term=7] [raft_id=18] [region_id=2] [thread_id=29]", TikvLogEventKind.TransferLeader },
        { "[INFO] [peer.rs:4042] [\"transfer leader\"] [peer=\"id: 18 store_id: 5\"] [peer_id=16] [region_id=2] [thread_id=31]", TikvLogEventKind.TransferLeader },
        { "[INFO] [pd.rs:1795] [\"try to transfer leader\"] [to_peers=\"[]\"] [to_peer=\"id: 18 store_id: 5\"] [from_peer=\"id: 16 store_id: 1\"] [region_id=2] [thread_id=40]", TikvLogEventKind.TransferLeader },
        { "[INFO] [peer.rs:4700] [\"propose transfer leader command\"] [to=\"id: 18 store_id: 5\"] [peer_id=16] [region_id=2] [thread_id=31]", TikvLogEventKind.TransferLeader },
        { "[INFO] [peer.rs:4650] [\"reject to transfer leader\"] [last_index=120] [index=100] [reason=\"pending snapshot\"] [to=\"id: 18 store_id: 5\"] [peer_id=16] [region_id=2] [thread_id=31]", TikvLogEventKind.TransferLeaderRejected },
        { "[WARN] [peer.rs:5400] [\"leader missing longer than abnormal_leader_missing_duration\"] [expect=10m] [peer_id=17] [region_id=14] [thread_id=30]", TikvLogEventKind.LeaderMissing },
        { "[INFO] [peer_storage.rs:612] [\"start sending snapshot\"] [request_peer=18] [peer_id=16] [region_id=2] [thread_id=31]", TikvLogEventKind.SnapshotSending },
        { "[INFO] [snap.rs:191] [\"sent snapshot\"] [duration=1.203s] [size=52428800] [snap_key=2_7_120] [region_id=2] [thread_id=55]", TikvLogEventKind.SnapshotSent },
        { "[INFO] [peer_storage.rs:980] [\"begin to apply snapshot\"] [peer_id=18] [region_id=2] [thread_id=29]", TikvLogEventKind.SnapshotApplying },
        { "[INFO] [peer_storage.rs:1021] [\"apply snapshot with state ok\"] [state=\"applied_index: 120 truncated_state { index: 120 term: 7 }\"] [region=\"id: 2 start_key: 7480 end_key: 7490\"] [peer_id=18] [region_id=2] [thread_id=29]", TikvLogEventKind.SnapshotApplied },
        { "[WARN] [peer.rs:1800] [\"[region 2] 16 handle ready 12 committed entries\"] [takes=1210] [thread_id=31]", TikvLogEventKind.SlowOperation },
        { "[WARN] [store.rs:2300] [\"[store 1] async write too slow, write_kv: 0.002s, write_raft: 1.530s, send: 0.000s, callback: 0.000s thread: store-writer-0\"] [takes=1532] [thread_id=44]", TikvLogEventKind.SlowOperation },
        { "[WARN] [pd.rs:2130] [\"scheduling store_heartbeat timeout, force report store slow score to pd.\"] [store_id=1] [thread_id=40]", TikvLogEventKind.SlowScoreForced },
        { "[ERROR] [pd.rs:1234] [\"store heartbeat failed\"] [err=\"Grpc(RpcFailure(RpcStatus { code: 14-UNAVAILABLE, message: \\\"failed to connect to all addresses\\\", details: [] }))\"] [thread_id=40]", TikvLogEventKind.PdHeartbeatFailed },
        { "[WARN] [client.rs:415] [\"failed to send heartbeat\"] [err=\"Grpc(RpcFailure(RpcStatus { code: 1-CANCELLED, message: \\\"Cancelled\\\", details: [] }))\"] [thread_id=41]", TikvLogEventKind.PdHeartbeatFailed },
        { "[WARN] [util.rs:660] [\"connect failed\"] [error=\"Grpc(RpcFailure(RpcStatus { code: 14-UNAVAILABLE, message: \\\"Connection refused\\\", details: [] }))\"] [endpoints=http://pd0:2379] [thread_id=1]", TikvLogEventKind.PdUnreachable },
        { "[ERROR] [util.rs:431] [\"reconnect failed\"] [err=\"Other(\\\"[components/pd_client/src/util.rs:431]: cancel reconnection due to too small interval\\\")\"] [thread_id=41]", TikvLogEventKind.PdUnreachable },
        { "[WARN] [util.rs:703] [\"connect pd failed\"] [err=\"Grpc(RpcFailure(RpcStatus { code: 4-DEADLINE_EXCEEDED, message: \\\"Deadline Exceeded\\\", details: [] }))\"] [endpoints=\"[\\\"pd0:2379\\\", \\\"pd1:2379\\\"]\"] [thread_id=1]", TikvLogEventKind.PdUnreachable },
        { "[WARN] [raft_client.rs:594] [\"connection aborted\"] [addr=tikv2:20160] [receiver_err=\"Some(RpcFailure(RpcStatus { code: 14-UNAVAILABLE, message: \\\"Socket closed\\\", details: [] }))\"] [sink_error=None] [store_id=5] [thread_id=12]", TikvLogEventKind.PeerUnreachable },
        { "[WARN] [raft_client.rs:920] [\"connection abort\"] [addr=tikv2:20160] [store_id=5] [thread_id=12]", TikvLogEventKind.PeerUnreachable },
        { "[WARN] [raft_client.rs:1011] [\"wait connect timeout\"] [addr=tikv2:20160] [store_id=5] [thread_id=12]", TikvLogEventKind.PeerUnreachable },
        { "[ERROR] [raft_client.rs:1090] [\"resolve store address failed\"] [err_code=KV:Unknown] [err=\"Other(\\\"[src/server/resolve.rs:98]: store 5 is tombstone\\\")\"] [store_id=5] [thread_id=12]", TikvLogEventKind.PeerUnreachable },
        { "[INFO] [raft_client.rs:1150] [\"broadcasting unreachable\"] [unreachable_store_id=5] [store_id=1] [thread_id=12]", TikvLogEventKind.PeerUnreachable },
        { "[INFO] [raft_client.rs:735] [\"connection established\"] [cost=2.113ms] [addr=tikv2:20160] [store_id=5] [thread_id=12]", TikvLogEventKind.PeerConnected },
        { "[INFO] [server.go:1723] [\"campaign PD leader ok\"] [campaign-leader-name=pd1]", TikvLogEventKind.PdLeaderElected },
        { "[INFO] [server.go:1810] [\"PD leader is ready to serve\"] [leader-name=pd1]", TikvLogEventKind.PdLeaderReady },
        { "[INFO] [server.go:1766] [\"exit PD leader\"]", TikvLogEventKind.PdLeaderLost },
        { "[INFO] [server.go:1849] [\"etcd leader changed, resigns pd leadership\"] [old-pd-leader-name=pd0]", TikvLogEventKind.PdLeaderLost },
        { "[WARN] [cluster.go:1538] [\"store has been offline\"] [store-id=1] [store-address=tikv0:20160] [physically-destroyed=false]", TikvLogEventKind.StoreOffline },
        { "[WARN] [cluster.go:1610] [\"store has been up\"] [store-id=1] [store-address=tikv0:20160]", TikvLogEventKind.StoreUp },
        { "[WARN] [cluster.go:1660] [\"store has been Tombstone\"] [store-id=1] [store-address=tikv0:20160] [state=Offline]", TikvLogEventKind.StoreTombstone },
        { "[INFO] [cluster.go:1420] [\"store has changed to serving\"] [store-id=4] [store-address=tikv1:20160]", TikvLogEventKind.StoreServing },
        { "[INFO] [operator_controller.go:560] [\"add operator\"] [region-id=2] [operator=\"\\\"transfer-leader {transfer leader: store 1 to 5} (kind:leader, region:2(7, 5), createAt:2026-01-25 10:25:00 +0000 UTC, startAt:0001-01-01 00:00:00 +0000 UTC, currentStep:0, size:1, steps:[0:{transfer leader from store 1 to store 5}], timeout:[1m0s])\\\"\"] [additional-info=]", TikvLogEventKind.OperatorAdded },
        { "[INFO] [operator_controller.go:700] [\"operator finish\"] [region-id=2] [takes=12.3ms] [operator=\"\\\"transfer-leader {transfer leader: store 1 to 5}\\\"\"] [additional-info=]", TikvLogEventKind.OperatorFinished },
        { "[INFO] [operator_controller.go:720] [\"operator timeout\"] [region-id=2] [takes=10m0s] [operator=\"\\\"add-peer {add peer: store [5]}\\\"\"]", TikvLogEventKind.OperatorTimedOut },
        { "[INFO] [operator_controller.go:740] [\"operator canceled\"] [region-id=2] [takes=3s] [operator=\"\\\"balance-leader {transfer leader: store 1 to 4}\\\"\"]", TikvLogEventKind.OperatorCanceled },
        { "[INFO] [operator_controller.go:760] [\"replace old operator\"] [region-id=2] [takes=1s] [old=\"\\\"balance-leader\\\"\"] [new=\"\\\"transfer-leader\\\"\"]", TikvLogEventKind.OperatorReplaced },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void Each_message_of_the_reference_is_classified(string rest, TikvLogEventKind kind)
    {
        var e = Classify(rest);

        Assert.NotNull(e);
        Assert.Equal(kind, e.Kind);
        Assert.Equal("store1", e.Node);
    }

    [Fact]
    public void Leader_change_carries_region_and_term()
    {
        var leader = Classify("[INFO] [raft.rs:1271] [\"became leader at term 7\"] [term=7] [raft_id=16] [region_id=2] [thread_id=31]")!;
        var transfer = Classify("[INFO] [raft.rs:1959] [\"[term 9] starts to transfer leadership to 18\"] [raft_id=16] [region_id=2]")!;

        Assert.Equal(2, leader.RegionId);
        Assert.Equal(7, leader.Term);
        Assert.Null(leader.StoreId);
        Assert.Equal(9, transfer.Term); // no term field: read from the message
    }

    [Fact]
    public void Peer_connection_failure_carries_the_peer_store_address_and_error()
    {
        var aborted = Classify("[WARN] [raft_client.rs:594] [\"connection aborted\"] [addr=tikv2:20160] [receiver_err=\"Some(RpcFailure(RpcStatus { code: 14-UNAVAILABLE, message: \\\"Socket closed\\\", details: [] }))\"] [sink_error=None] [store_id=5] [thread_id=12]")!;
        var broadcast = Classify("[INFO] [raft_client.rs:1150] [\"broadcasting unreachable\"] [unreachable_store_id=5] [store_id=1] [thread_id=12]")!;
        var timeout = Classify("[WARN] [raft_client.rs:1011] [\"wait connect timeout\"] [addr=tikv2:20160] [store_id=5] [thread_id=12]")!;

        Assert.Equal(5, aborted.StoreId);
        Assert.Equal("tikv2:20160", aborted.Address);
        Assert.Equal("Some(RpcFailure(RpcStatus { code: 14-UNAVAILABLE, message: \"Socket closed\", details: [] }))", aborted.Error);
        Assert.Equal(5, broadcast.StoreId); // the unreachable peer, not the store that logged it
        Assert.Null(timeout.Error);
    }

    [Fact]
    public void Slow_operation_carries_milliseconds_and_the_tagged_region_or_store()
    {
        var region = Classify("[WARN] [peer.rs:1800] [\"[region 2] 16 handle ready 12 committed entries\"] [takes=1210] [thread_id=31]")!;
        var store = Classify("[WARN] [store.rs:2300] [\"[store 1] async write too slow, write_kv: 0.002s, write_raft: 1.530s\"] [takes=1532]")!;

        Assert.Equal(1210, region.TakesMs);
        Assert.Equal(2, region.RegionId);
        Assert.Null(region.StoreId);
        Assert.Equal(1532, store.TakesMs);
        Assert.Equal(1, store.StoreId);
        Assert.Null(store.RegionId);
    }

    [Fact]
    public void Pd_lines_carry_kebab_case_store_and_region()
    {
        var offline = Classify("[WARN] [cluster.go:1538] [\"store has been offline\"] [store-id=1] [store-address=tikv0:20160] [physically-destroyed=false]")!;
        var finish = Classify("[INFO] [operator_controller.go:700] [\"operator finish\"] [region-id=2] [takes=12.3ms] [additional-info=]")!;

        Assert.Equal(1, offline.StoreId);
        Assert.Equal("tikv0:20160", offline.Address);
        Assert.Equal(2, finish.RegionId);
        Assert.Equal(12.3, finish.TakesMs);
        Assert.Equal(TikvLogEventKind.OperatorFinished, finish.Kind); // a known message wins over the slow-operation rule
    }

    [Fact]
    public void Heartbeat_and_pd_failures_carry_err_or_error()
    {
        var heartbeat = Classify("[ERROR] [pd.rs:1234] [\"store heartbeat failed\"] [err=\"Grpc(RpcFailure(RpcStatus { code: 14-UNAVAILABLE, message: \\\"failed to connect to all addresses\\\", details: [] }))\"]")!;
        var connect = Classify("[WARN] [util.rs:660] [\"connect failed\"] [error=\"Grpc(RpcFailure(RpcStatus { code: 14-UNAVAILABLE, message: \\\"Connection refused\\\", details: [] }))\"] [endpoints=http://pd0:2379]")!;

        Assert.Equal("Grpc(RpcFailure(RpcStatus { code: 14-UNAVAILABLE, message: \"failed to connect to all addresses\", details: [] }))", heartbeat.Error);
        Assert.Contains("Connection refused", connect.Error, StringComparison.Ordinal);
        Assert.Equal("http://pd0:2379", connect.Line.Field("endpoints"));
    }

    [Theory]
    [InlineData("[INFO] [raft_client.rs:594] [\"connection aborted soon\"] [store_id=5]")]               // same caller, other message
    [InlineData("[INFO] [raft.rs:1271] [\"became leader at term seven\"] [region_id=2]")]
    [InlineData("[INFO] [peer.rs:1800] [\"[region 2] 16 handle ready 12 committed entries\"] [takes=1210]")] // INFO, not slow_log
    [InlineData("[WARN] [peer.rs:1800] [\"[region 2] something\"] [takes=soon]")]
    [InlineData("[INFO] [server.rs:300] [\"TiKV is ready to serve\"]")]
    [InlineData("[WARN] [util.rs:1] [\"Connection aborted\"] [store_id=5]")]                              // case matters
    public void Other_lines_are_not_evidence(string rest)
    {
        Assert.Null(Classify(rest));
    }

    [Fact]
    public void Matching_ignores_file_and_line()
    {
        var moved = Classify("[WARN] [somewhere_else.rs:1] [\"connection aborted\"] [addr=tikv2:20160] [store_id=5]");

        Assert.Equal(TikvLogEventKind.PeerUnreachable, moved!.Kind);
    }

    [Theory]
    [InlineData("1210", 1210)]
    [InlineData("12.5ms", 12.5)]
    [InlineData("1.5s", 1500)]
    [InlineData("250µs", 0.25)]
    [InlineData("250us", 0.25)]
    [InlineData("5000000ns", 5)]
    public void Durations_are_read_as_milliseconds(string text, double ms)
    {
        Assert.Equal(ms, TikvLogClassifier.ParseMilliseconds(text)!.Value, 6);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fast")]
    [InlineData("-5")]
    [InlineData("10m0s")]
    [InlineData("1.5h")]
    public void Non_durations_give_null(string? text)
    {
        Assert.Null(TikvLogClassifier.ParseMilliseconds(text));
    }

    [Fact]
    public void Classify_all_keeps_evidence_in_order_and_maps_to_core_lines()
    {
        var lines = UnifiedLogParser.ParseLines(
        [
            Line("[INFO] [server.rs:300] [\"TiKV is ready to serve\"]"),
            Line("[WARN] [raft_client.rs:594] [\"connection aborted\"] [addr=tikv2:20160] [sink_error=None] [store_id=5]"),
            Line("[INFO] [raft.rs:1271] [\"became leader at term 8\"] [term=8] [raft_id=16] [region_id=2]"),
        ]);

        var events = TikvLogClassifier.ClassifyAll(lines, "store1");
        var core = events[0].ToLogLine(UnifiedLogLine.ContainerSource);

        Assert.Equal([TikvLogEventKind.PeerUnreachable, TikvLogEventKind.BecameLeader], events.Select(e => e.Kind));
        Assert.Equal("connection aborted", core.Message);
        Assert.Equal("store1", core.Node);
        Assert.Equal("5", core.Fields["store_id"]);
        Assert.Equal("container", core.Source);
        Assert.Equal(lines[1].Raw, events[0].Line.Raw);
    }

    private static string Line(string rest) => "[2026/01/25 10:20:11.015 +00:00] " + rest;

    private static TikvLogEvent? Classify(string rest)
    {
        var line = UnifiedLogParser.Parse(Line(rest));
        Assert.NotNull(line);
        return TikvLogClassifier.Classify(line, "store1");
    }
}
