using System.Net.Sockets;
using Operator.Core.Metrics;
using Operator.Etcd.Client;
using Operator.Testing;

namespace Operator.Etcd.Tests.Observing;

public sealed class EtcdClientTests : IDisposable
{
    // Generous: only the timeout tests depend on a deadline firing, and a cold JIT must not look like a hang.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    // From the reference fact sheet (§1.3), as the gateway sends them.
    private const string StatusJson = """
        {"header":{"cluster_id":"883846085753845268","member_id":"18019771712233889772","revision":"3","raft_term":"2"},"version":"3.4.23","dbSize":"20480","leader":"16919994012759469789","raftIndex":"19","raftTerm":"2","raftAppliedIndex":"19","dbSizeInUse":"16384"}
        """;

    private const string NoLeaderStatusJson = """
        {"header":{"cluster_id":"883846085753845268","member_id":"18019771712233889772","raft_term":"20"},"version":"3.4.23","dbSize":"122880","raftIndex":"2358","raftTerm":"20","raftAppliedIndex":"2358","errors":["etcdserver: no leader"],"dbSizeInUse":"118784"}
        """;

    private const string MemberListJson = """
        {"header":{"cluster_id":"883846085753845268","member_id":"18019771712233889772","raft_term":"2"},"members":[{"ID":"15834420835810927699","name":"m3","peerURLs":["http://127.0.0.1:23803"],"clientURLs":["http://127.0.0.1:23793"]},{"ID":"4532296706954860852","peerURLs":["http://127.0.0.1:23804"]}]}
        """;

    private readonly EtcdClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Closed_port_is_refused_with_a_one_line_error_naming_operation_and_endpoint()
    {
        var url = FakeHttpServer.RefusingUrl();

        var result = await _client.StatusAsync(url, Deadline, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal(EtcdFailureKind.Refused, result.Failure.Kind);
        Assert.Equal($"get status from http://127.0.0.1:{url.Port}: connection refused", result.Failure.Message);
    }

    [Fact]
    public async Task Endpoint_that_accepts_and_never_answers_times_out_at_our_deadline()
    {
        await using var server = FakeHttpServer.Silent();

        var result = await _client.StatusAsync(server.Url, TimeSpan.FromMilliseconds(200), CancellationToken.None);

        Assert.Equal(EtcdFailureKind.Timeout, result.Failure!.Kind);
        Assert.Equal($"get status from {EtcdClient.Display(server.Url)}: no answer within 200 ms", result.Failure.Message);
    }

    [Fact]
    public async Task Caller_cancellation_propagates_instead_of_becoming_a_failure()
    {
        await using var server = FakeHttpServer.Silent();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.StatusAsync(server.Url, TimeSpan.FromSeconds(30), cancel.Token));
    }

    [Theory]
    [InlineData(200, "text/html", "<html>\n<body>proxy login</body>\n</html>", "not etcd JSON")]
    [InlineData(200, "application/json", """{"header":{"member_id":"1801977171""", "not etcd JSON")]
    [InlineData(200, "application/json", "[1,2,3]", "not etcd JSON")]
    [InlineData(200, "application/json", """{"version":"3.4.23"}""", "no header.member_id")]
    [InlineData(500, "text/html", "<html>Internal Server Error</html>", "HTTP 500 with a body etcd does not send")]
    public async Task Answers_etcd_would_not_send_are_garbage(int status, string contentType, string body, string expected)
    {
        await using var server = FakeHttpServer.Answering(status, contentType, body);

        var result = await _client.StatusAsync(server.Url, Deadline, CancellationToken.None);

        Assert.Equal(EtcdFailureKind.Garbage, result.Failure!.Kind);
        Assert.Contains(expected, result.Failure.Message, StringComparison.Ordinal);
        Assert.StartsWith($"get status from {EtcdClient.Display(server.Url)}: ", result.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Failure.Message);
    }

    [Fact]
    public async Task Etcd_error_body_becomes_http_error_with_its_message_and_grpc_code()
    {
        const string body = """{"error":"etcdserver: request timed out","message":"etcdserver: request timed out","code":14}""";
        await using var server = FakeHttpServer.Answering(503, "application/json", body);

        var result = await _client.PutAsync(server.Url, "foo", "bar", Deadline, CancellationToken.None);

        Assert.Equal(EtcdFailureKind.HttpError, result.Failure!.Kind);
        Assert.Equal(503, result.Failure.HttpStatus);
        Assert.Equal(14, result.Failure.GrpcCode);
        Assert.Equal($"put foo on {EtcdClient.Display(server.Url)}: HTTP 503: etcdserver: request timed out", result.Failure.Message);
    }

    [Fact]
    public async Task Status_parses_64_bit_strings_and_member_ids_above_2_pow_63()
    {
        await using var server = FakeHttpServer.Answering(200, "application/json", StatusJson);

        var result = await _client.StatusAsync(server.Url, Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        var status = result.Value;
        Assert.Equal(18019771712233889772UL, status.Header.MemberId);
        Assert.Equal(883846085753845268UL, status.Header.ClusterId);
        Assert.Equal(16919994012759469789UL, status.Leader);
        Assert.Equal(20480, status.DbSize);
        Assert.Equal(16384, status.DbSizeInUse);
        Assert.Equal(19, status.RaftIndex);
        Assert.Equal(2, status.RaftTerm);
        Assert.Equal("3.4.23", status.Version);
        Assert.Empty(status.Errors);
        Assert.True(status.HasLeader);
        Assert.False(status.IsLeader);
    }

    [Fact]
    public async Task Status_without_leader_defaults_missing_fields_and_keeps_errors()
    {
        await using var server = FakeHttpServer.Answering(200, "application/json", NoLeaderStatusJson);

        var status = (await _client.StatusAsync(server.Url, Deadline, CancellationToken.None)).Value!;

        Assert.Equal(0UL, status.Leader);
        Assert.False(status.HasLeader);
        Assert.Equal(0, status.Header.Revision);
        Assert.Equal(["etcdserver: no leader"], status.Errors);
    }

    [Fact]
    public async Task Member_list_parses_unstarted_members_without_name_or_client_urls()
    {
        await using var server = FakeHttpServer.Answering(200, "application/json", MemberListJson);

        var list = (await _client.MemberListAsync(server.Url, Deadline, CancellationToken.None)).Value!;

        Assert.Equal([15834420835810927699UL, 4532296706954860852UL], list.Members.Select(m => m.Id));
        Assert.Equal("m3", list.Members[0].Name);
        Assert.Equal(["http://127.0.0.1:23793"], list.Members[0].ClientUrls);
        Assert.Equal("dbbf29db168de453", list.Members[0].HexId);
        Assert.Equal("", list.Members[1].Name);
        Assert.Empty(list.Members[1].ClientUrls);
    }

    [Fact]
    public async Task Reset_connection_is_retried_once_on_a_fresh_connection()
    {
        await using var server = FakeHttpServer.Start(async (number, stream, ct) =>
        {
            if (number == 1)
            {
                Reset(stream);
                return;
            }

            await FakeHttpServer.WriteAsync(stream, FakeHttpServer.Response(200, "application/json", StatusJson), ct);
        });

        var result = await _client.StatusAsync(server.Url, Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(2, server.Connections);
    }

    [Fact]
    public async Task Connection_reset_twice_is_an_other_transport_failure_after_exactly_one_retry()
    {
        await using var server = FakeHttpServer.Start((_, stream, _) =>
        {
            Reset(stream);
            return Task.CompletedTask;
        });

        var result = await _client.StatusAsync(server.Url, Deadline, CancellationToken.None);

        Assert.Equal(EtcdFailureKind.OtherTransport, result.Failure!.Kind);
        Assert.Equal(2, server.Connections);
        Assert.DoesNotContain('\n', result.Failure.Message);
    }

    [Fact]
    public async Task Metrics_are_parsed_through_the_filter_and_html_or_404_are_classified()
    {
        const string page = "# TYPE etcd_server_has_leader gauge\netcd_server_has_leader 1\ngo_goroutines 80\n";
        await using var good = FakeHttpServer.Answering(200, "text/plain; version=0.0.4", page);
        await using var html = FakeHttpServer.Answering(200, "text/html", "<html><body>login</body></html>");
        await using var missing = FakeHttpServer.Answering(404, "text/plain", "404 page not found\n");

        var scrape = await _client.MetricsAsync(good.Url, MetricFilter.ForNames("etcd_server_has_leader"), Deadline, CancellationToken.None);
        var fromHtml = await _client.MetricsAsync(html.Url, null, Deadline, CancellationToken.None);
        var notFound = await _client.MetricsAsync(missing.Url, null, Deadline, CancellationToken.None);

        Assert.Equal(1, Assert.Single(scrape.Value!.Samples).Value);
        Assert.Equal(EtcdFailureKind.Garbage, fromHtml.Failure!.Kind);
        Assert.Equal(EtcdFailureKind.HttpError, notFound.Failure!.Kind);
        Assert.Equal($"get metrics from {EtcdClient.Display(missing.Url)}: HTTP 404: \"404 page not found\"", notFound.Failure.Message);
    }

    [Fact]
    public async Task Watch_is_established_on_created_and_reports_the_end_of_the_stream()
    {
        await using var server = FakeHttpServer.Start(async (_, stream, ct) =>
        {
            await FakeHttpServer.WriteAsync(stream, WatchHead + Chunk(Created) + "0\r\n\r\n", ct);
        });

        var opened = await _client.WatchAsync(server.Url, "/operator/canary", Deadline, CancellationToken.None);
        Assert.True(opened.Ok, opened.ToString());
        using var watch = opened.Value;
        var next = await watch.ReadAsync(CancellationToken.None);

        Assert.Equal(EtcdFailureKind.OtherTransport, next.Failure!.Kind);
        Assert.Equal($"watch /operator/canary on {EtcdClient.Display(server.Url)}: stream ended (EOF)", next.Failure.Message);
    }

    internal const string WatchHead = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";

    internal const string Created = """{"result":{"header":{"cluster_id":"1","member_id":"2","revision":"2","raft_term":"2"},"created":true}}""";

    internal static string Chunk(string line)
    {
        var payload = line + "\n";
        return $"{System.Text.Encoding.UTF8.GetByteCount(payload):x}\r\n{payload}\r\n";
    }

    private static void Reset(NetworkStream stream)
    {
        stream.Socket.LingerState = new LingerOption(true, 0);
        stream.Socket.Close();
    }
}
