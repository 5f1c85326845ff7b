using System.Text;
using Operator.Etcd.Diagnosing;
using Operator.Testing;

namespace Operator.Etcd.Tests.Diagnosing;

public sealed class ZapLogParserTests
{
    // Shapes from the reference log catalogue (§3).
    private const string LostStream = """{"level":"warn","ts":"2026-11-24T06:58:32.653Z","caller":"rafthttp/peer_status.go:66","msg":"lost TCP streaming connection with remote peer","stream-reader-type":"stream MsgApp v2","local-member-id":"8e9e05c52164694d","remote-peer-id":"fa1316e641555fec","error":"unexpected EOF"}""";
    private const string Elected = """{"level":"info","ts":"2026-11-24T06:58:33.801Z","logger":"raft","caller":"raft/node.go:327","msg":"raft.node: 8e9e05c52164694d elected leader dbbf29db168de453 at term 6"}""";
    private const string AlarmRaised = """{"level":"warn","ts":"2026-11-24T07:02:10.120Z","caller":"etcdserver/server.go:2476","msg":"message exceeded backend quota; raising alarm","quota-name":"v3-applier","quota-size-bytes":16777216,"quota-size":"17 MB","quota-maximum-size-bytes":8589934592,"error":"etcdserver: no space"}""";

    [Fact]
    public void Zap_line_gives_level_utc_time_with_milliseconds_message_and_fields()
    {
        var line = ZapLogParser.ParseZap(LostStream, "n1");

        Assert.NotNull(line);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 6, 58, 32, 653, TimeSpan.Zero), line.At);
        Assert.Equal(TimeSpan.Zero, line.At!.Value.Offset);
        Assert.Equal("warn", line.Level);
        Assert.Equal("lost TCP streaming connection with remote peer", line.Message);
        Assert.Equal("fa1316e641555fec", line.Fields["remote-peer-id"]);
        Assert.Equal("unexpected EOF", line.Fields["error"]);
        Assert.Equal("rafthttp/peer_status.go:66", line.Fields["caller"]);
        Assert.Equal("n1", line.Node);
        Assert.Equal("log", line.Source);
        Assert.False(line.Fields.ContainsKey("msg"));
    }

    [Fact]
    public void Raft_message_keeps_ids_inside_msg_and_numbers_become_text()
    {
        Assert.Equal("raft.node: 8e9e05c52164694d elected leader dbbf29db168de453 at term 6", ZapLogParser.ParseZap(Elected, "n2")!.Message);

        var alarm = ZapLogParser.ParseZap(AlarmRaised, "n3")!;
        Assert.Equal("16777216", alarm.Fields["quota-size-bytes"]);
        Assert.Equal("etcdserver: no space", alarm.Fields["error"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not json at all")]
    [InlineData("{\"level\":\"warn\",\"ts\":")]
    [InlineData("{\"level\":\"warn\"}")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"msg\":\"x\",\"ts\":\"yesterday\"}")]
    public void Garbage_zap_lines_are_skipped_or_degrade_without_throwing(string text)
    {
        var line = ZapLogParser.ParseZap(text, "n1");

        Assert.True(line is null || line.At is null);
    }

    [Fact]
    public void Capnslog_stderr_line_gives_level_time_package_and_message()
    {
        var line = ZapLogParser.ParseStderr("2026-11-24 06:58:32.653123 W | etcdserver/api/etcdhttp: /health error; no leader (status code 503)", "n2");

        Assert.NotNull(line);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 6, 58, 32, 653, TimeSpan.Zero), line.At);
        Assert.Equal("warn", line.Level);
        Assert.Equal("/health error; no leader (status code 503)", line.Message);
        Assert.Equal("etcdserver/api/etcdhttp", line.Fields["package"]);
        Assert.Equal("stderr", line.Source);
    }

    [Fact]
    public void Raw_stderr_line_is_kept_without_time_and_blank_or_binary_lines_are_skipped()
    {
        var raw = ZapLogParser.ParseStderr("panic: runtime error: invalid memory address or nil pointer dereference", "n2");

        Assert.NotNull(raw);
        Assert.Null(raw.At);
        Assert.Equal("unknown", raw.Level);
        Assert.Equal("stderr", raw.Source);
        Assert.Null(ZapLogParser.ParseStderr("  ", "n2"));
        Assert.Null(ZapLogParser.ParseStderr("\u0001\u0002garbage\u0000", "n2"));
    }

    [Fact]
    public void Zap_line_on_stderr_is_parsed_as_zap_with_stderr_source()
    {
        var line = ZapLogParser.ParseStderr(LostStream, "n1");

        Assert.Equal(("lost TCP streaming connection with remote peer", "stderr"), (line!.Message, line.Source));
    }

    [Fact]
    public void Tail_of_a_big_file_reads_only_its_end_and_drops_the_cut_first_line()
    {
        using var dir = new TempStateDir();
        var path = Path.Combine(dir.Path, "etcd.log");
        var filler = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            filler.Append("{\"level\":\"info\",\"ts\":\"2026-11-24T06:00:00.000Z\",\"msg\":\"filler ").Append(i).Append("\"}\n");
        }

        File.WriteAllText(path, filler + "garbage line\n" + LostStream + "\n" + Elected + "\n{\"level\":\"info\",\"msg\":\"half writ");

        var lines = ZapLogParser.ReadZapTail(path, "n1", tailBytes: 4096);

        Assert.True(lines.Count < 100, $"read {lines.Count} lines from a 4 KiB tail");
        Assert.Equal("raft.node: 8e9e05c52164694d elected leader dbbf29db168de453 at term 6", lines[^1].Message);
        Assert.Equal("lost TCP streaming connection with remote peer", lines[^2].Message);
        Assert.DoesNotContain(lines, l => l.Message == "filler 0");
        Assert.DoesNotContain(lines, l => l.Message.StartsWith("half", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_file_reads_as_empty()
    {
        Assert.Empty(ZapLogParser.ReadZapTail("/nonexistent/operator/etcd.log", "n1"));
        Assert.Empty(ZapLogParser.ReadStderrTail("/nonexistent/operator/etcd.stderr", "n1"));
    }
}
