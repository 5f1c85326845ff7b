using Operator.TiKV.Logs;

namespace Operator.TiKV.Tests.Logs;

public sealed class UnifiedLogParserTests
{
    // The three real-shaped examples of the reference (§4.1), with the elisions filled in.
    private const string BecameLeader = "[2026/01/25 10:20:11.015 +00:00] [INFO] [raft.rs:1271] [\"became leader at term 7\"] [term=7] [raft_id=16] [region_id=2] [thread_id=31]";
    private const string ConnectionAborted = "[2026/01/25 10:20:01.002 +00:00] [WARN] [raft_client.rs:594] [\"connection aborted\"] [addr=tikv2:20160] [receiver_err=\"Some(RpcFailure(RpcStatus { code: 14-UNAVAILABLE, message: \\\"Socket closed\\\", details: [] }))\"] [sink_error=None] [store_id=5] [thread_id=12]";
    private const string StoreOffline = "[2026/01/25 10:20:05.123 +00:00] [WARN] [cluster.go:1538] [\"store has been offline\"] [store-id=1] [store-address=tikv0:20160] [physically-destroyed=false]";

    [Fact]
    public void Raft_line_gives_time_level_caller_message_and_fields_in_order()
    {
        var line = UnifiedLogParser.Parse(BecameLeader);

        Assert.NotNull(line);
        Assert.Equal(new DateTimeOffset(2026, 1, 25, 10, 20, 11, 15, TimeSpan.Zero), line.At);
        Assert.Equal(UnifiedLogLevel.Info, line.Level);
        Assert.Equal("raft.rs:1271", line.Caller);
        Assert.Equal("became leader at term 7", line.Message);
        Assert.Equal(["term", "raft_id", "region_id", "thread_id"], line.Fields.Keys);
        Assert.Equal("7", line.Field("term"));
        Assert.Equal("2", line.Field("region_id"));
        Assert.Null(line.Field("store_id"));
        Assert.Equal(BecameLeader, line.Raw);
    }

    [Fact]
    public void Quoted_value_keeps_brackets_quotes_and_equals_inside_it()
    {
        var line = UnifiedLogParser.Parse(ConnectionAborted);

        Assert.NotNull(line);
        Assert.Equal(UnifiedLogLevel.Warn, line.Level);
        Assert.Equal("connection aborted", line.Message);
        Assert.Equal("tikv2:20160", line.Field("addr"));
        Assert.Equal("Some(RpcFailure(RpcStatus { code: 14-UNAVAILABLE, message: \"Socket closed\", details: [] }))", line.Field("receiver_err"));
        Assert.Equal("None", line.Field("sink_error"));
        Assert.Equal("5", line.Field("store_id"));
        Assert.Equal("12", line.Field("thread_id"));
    }

    [Fact]
    public void Pd_line_keeps_kebab_case_keys()
    {
        var line = UnifiedLogParser.Parse(StoreOffline);

        Assert.NotNull(line);
        Assert.Equal("cluster.go:1538", line.Caller);
        Assert.Equal("store has been offline", line.Message);
        Assert.Equal("1", line.Field("store-id"));
        Assert.Equal("tikv0:20160", line.Field("store-address"));
        Assert.Equal("false", line.Field("physically-destroyed"));
    }

    [Fact]
    public void Err_value_with_brackets_and_equals_inside_quotes_is_one_field()
    {
        const string text = "[2026/01/25 10:21:40.870 +00:00] [ERROR] [util.rs:431] [\"reconnect failed\"] "
            + "[err=\"Grpc(RpcFailure(RpcStatus { code: 14-UNAVAILABLE, message: \\\"failed to connect to all addresses; last error: UNKNOWN: ipv4:172.18.0.3:2379: Failed to connect to remote host: Connection refused\\\", details: [] }))\"] "
            + "[note=\"a]b=c[d\"] [thread_id=7]";

        var line = UnifiedLogParser.Parse(text);

        Assert.NotNull(line);
        Assert.Equal(UnifiedLogLevel.Error, line.Level);
        Assert.Equal(
            "Grpc(RpcFailure(RpcStatus { code: 14-UNAVAILABLE, message: \"failed to connect to all addresses; last error: UNKNOWN: ipv4:172.18.0.3:2379: Failed to connect to remote host: Connection refused\", details: [] }))",
            line.Field("err"));
        Assert.Equal("a]b=c[d", line.Field("note"));
        Assert.Equal("7", line.Field("thread_id"));
        Assert.Equal(3, line.Fields.Count);
    }

    [Fact]
    public void Quoted_message_with_brackets_and_escapes_is_decoded()
    {
        const string text = "[2026/01/25 10:22:00.001 +08:00] [WARN] [peer.rs:1800] [\"[region 2] 16 handle ready \\\"12\\\" committed entries\\tcaf\\u00e9 \\ud83d\\ude80 a\\\\b\\/c\"] [takes=1210]";

        var line = UnifiedLogParser.Parse(text);

        Assert.NotNull(line);
        Assert.Equal("[region 2] 16 handle ready \"12\" committed entries\tcafé 🚀 a\\b/c", line.Message);
        Assert.Equal(TimeSpan.FromHours(8), line.At.Offset);
        Assert.Equal("1210", line.Field("takes"));
    }

    [Fact]
    public void Quoted_keys_raw_messages_empty_messages_and_empty_values_are_read()
    {
        var higher = UnifiedLogParser.Parse("[2026/01/25 10:20:09.400 +00:00] [INFO] [raft.rs:1401] [\"received a message with higher term from 16\"] [\"msg type\"=MsgRequestPreVote] [message_term=7] [term=6]");
        var welcome = UnifiedLogParser.Parse("[2026/01/25 10:00:00.000 +00:00] [INFO] [lib.rs:20] [Welcome]");
        var empty = UnifiedLogParser.Parse("[2026/01/25 10:00:00.000 +00:00] [INFO] [<unknown>] []");
        var pdOperator = UnifiedLogParser.Parse("[2026/01/25 10:25:00.000 +00:00] [INFO] [operator_controller.go:500] [\"add operator\"] [region-id=2] [additional-info=] [operator=\"transfer-leader {transfer leader: store 1 to 5}\"]");

        Assert.Equal("MsgRequestPreVote", higher!.Field("msg type"));
        Assert.Equal("Welcome", welcome!.Message);
        Assert.Empty(welcome.Fields);
        Assert.Equal(string.Empty, empty!.Message);
        Assert.Equal("<unknown>", empty.Caller);
        Assert.Equal(string.Empty, pdOperator!.Field("additional-info"));
        Assert.Equal("transfer-leader {transfer leader: store 1 to 5}", pdOperator.Field("operator"));
    }

    [Theory]
    [InlineData("FATAL", UnifiedLogLevel.Fatal, "fatal")]
    [InlineData("ERROR", UnifiedLogLevel.Error, "error")]
    [InlineData("WARN", UnifiedLogLevel.Warn, "warn")]
    [InlineData("INFO", UnifiedLogLevel.Info, "info")]
    [InlineData("DEBUG", UnifiedLogLevel.Debug, "debug")]
    [InlineData("TRACE", UnifiedLogLevel.Trace, "trace")]
    [InlineData("PANIC", UnifiedLogLevel.Fatal, "fatal")]
    public void Every_level_is_read_and_named_in_lower_case_for_core(string written, UnifiedLogLevel level, string coreName)
    {
        var line = UnifiedLogParser.Parse($"[2026/01/25 10:00:00.000 +00:00] [{written}] [server.rs:1] [x]");

        Assert.Equal(level, line!.Level);
        Assert.Equal(coreName, line.ToLogLine("store1").Level);
    }

    [Fact]
    public void Repeated_key_keeps_the_call_site_value()
    {
        var line = UnifiedLogParser.Parse("[2026/01/25 10:00:00.000 +00:00] [INFO] [peer.rs:1] [x] [region_id=2] [region_id=99]");

        Assert.Equal("2", line!.Field("region_id"));
        Assert.Single(line.Fields);
    }

    [Fact]
    public void Line_cut_inside_a_field_keeps_its_message_and_earlier_fields()
    {
        var line = UnifiedLogParser.Parse("[2026/01/25 10:00:00.000 +00:00] [ERROR] [pd.rs:1200] [\"store heartbeat failed\"] [store_id=1] [err=\"Grpc(RpcFail");

        Assert.NotNull(line);
        Assert.Equal("store heartbeat failed", line.Message);
        Assert.Equal("1", line.Field("store_id"));
        Assert.Null(line.Field("err"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a log line")]
    [InlineData("[2026/01/25 10:15:31.456 +00:00]")]
    [InlineData("[2026/01/25 10:15:31.456 +00:00] [INFO] [raft.rs:1]")]
    [InlineData("[yesterday] [INFO] [raft.rs:1] [x]")]
    [InlineData("[2026-01-25T10:15:31.456Z] [INFO] [raft.rs:1] [x]")]
    [InlineData("[2026/01/25 10:15:31.456 +00:00] [NOTICE] [raft.rs:1] [x]")]
    [InlineData("[2026/01/25 10:15:31.456 +00:00] [INFO] [raft.rs:1] [\"unterminated]")]
    [InlineData("[2026/01/25 10:15:31.456 +00:00] [INFO] [raft.rs:1] [\"bad escape \\x\"]")]
    [InlineData("[2026/01/25 10:15:31.456 +00:00] [INFO] [raft.rs:1] [\"bad unicode \\u12\"]")]
    [InlineData("[2026/01/25 10:15:31.456 +00:00] [INFO] [raft.rs:1] [\"trailing\" junk]")]
    [InlineData("[2026/01/25 10:15:31.456 +00:00] [INFO [raft.rs:1] [x]")]
    [InlineData("{\"level\":\"warn\",\"ts\":\"2026-11-24T06:58:32.653Z\",\"msg\":\"etcd zap\"}")]
    [InlineData("goroutine 1 [running]:")]
    [InlineData("\u0001\u0002\u0000[]]]][[[\"\"\"")]
    [InlineData("[[[[[[[[[[")]
    public void Garbage_gives_null_without_throwing(string? text)
    {
        Assert.Null(UnifiedLogParser.Parse(text));
    }

    [Fact]
    public void Log_line_for_core_is_utc_with_caller_node_and_source()
    {
        var line = UnifiedLogParser.Parse("[2026/01/25 18:20:11.015 +08:00] [INFO] [raft.rs:1271] [\"became leader at term 7\"] [term=7] [region_id=2]")!;

        var core = line.ToLogLine("store4", UnifiedLogLine.ContainerSource);

        Assert.Equal(new DateTimeOffset(2026, 1, 25, 10, 20, 11, 15, TimeSpan.Zero), core.At);
        Assert.Equal(TimeSpan.Zero, core.At!.Value.Offset);
        Assert.Equal("store4", core.Node);
        Assert.Equal("info", core.Level);
        Assert.Equal("became leader at term 7", core.Message);
        Assert.Equal("raft.rs:1271", core.Fields["caller"]);
        Assert.Equal("2", core.Fields["region_id"]);
        Assert.Equal("container", core.Source);
        Assert.Equal("log", line.ToLogLine("store4").Source);
    }

    [Fact]
    public void Parse_lines_skips_garbage_and_keeps_order()
    {
        var lines = UnifiedLogParser.ParseLines([BecameLeader, "garbage", "", StoreOffline, ConnectionAborted]);

        Assert.Equal(["became leader at term 7", "store has been offline", "connection aborted"], lines.Select(l => l.Message));
    }

    [Fact]
    public void Raw_output_becomes_core_lines_keeping_panics_and_dropping_blank_and_binary_lines()
    {
        var lines = UnifiedLogParser.ToLogLines(
            [BecameLeader, "", "thread 'raftstore-1' panicked at components/raftstore/src/store/peer.rs:120: oops", "\u0001\u0002binary", "   ", StoreOffline],
            "store1",
            UnifiedLogLine.ContainerSource);

        Assert.Equal(3, lines.Count);
        Assert.Equal("info", lines[0].Level);
        Assert.Equal("became leader at term 7", lines[0].Message);
        Assert.Null(lines[1].At);
        Assert.Equal("unknown", lines[1].Level);
        Assert.Equal("thread 'raftstore-1' panicked at components/raftstore/src/store/peer.rs:120: oops", lines[1].Message);
        Assert.Empty(lines[1].Fields);
        Assert.Equal("store has been offline", lines[2].Message);
        Assert.All(lines, l => Assert.Equal("container", l.Source));
        Assert.All(lines, l => Assert.Equal("store1", l.Node));
    }
}
