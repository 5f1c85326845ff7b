using Operator.Core.Http;
using Operator.Testing;
using Operator.TiKV.Status;

namespace Operator.TiKV.Tests.Status;

/// <summary>Direct probes of a TiKV status server and a PD member over real loopback sockets: classifications, not durations.</summary>
public sealed class StatusProbeTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);

    private readonly StatusProbe _probe = new();

    public void Dispose() => _probe.Dispose();

    [Fact]
    public async Task Store_answering_200_on_status_is_serving()
    {
        await using var tikv = FakeHttpServer.Routing(target => target == "/status"
            ? FakeHttpServer.Response(200, "text/plain", "")
            : FakeHttpServer.Response(404, "text/plain", "not found"));

        var result = await _probe.ProbeStoreAsync(Address(tikv.Url), Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(200, result.Value.HttpStatus);
        Assert.Equal(new Uri(tikv.Url, "/status"), result.Value.Url);
        Assert.Equal(["/status"], tikv.Requests);
    }

    [Fact]
    public async Task Store_whose_process_is_gone_is_refused()
    {
        var url = FakeHttpServer.RefusingUrl();

        var result = await _probe.ProbeStoreAsync(Address(url), Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Refused, result.Failure!.Kind);
        Assert.Equal($"get status from http://127.0.0.1:{url.Port}: connection refused", result.Failure.Message);
    }

    [Fact]
    public async Task Store_that_accepts_and_stays_silent_times_out()
    {
        await using var hung = FakeHttpServer.Silent();

        var result = await _probe.ProbeStoreAsync(Address(hung.Url), Short, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Timeout, result.Failure!.Kind);
        Assert.Equal($"get status from {DeadlineHttpClient.Display(hung.Url)}: no answer within 300 ms", result.Failure.Message);
    }

    [Fact]
    public async Task Store_that_sends_its_head_and_then_hangs_times_out()
    {
        await using var stalled = FakeHttpServer.Start(async (_, stream, ct) =>
        {
            await FakeHttpServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n\r\n", ct);
            await Task.Delay(Timeout.Infinite, ct);
        });

        var result = await _probe.ProbeStoreAsync(Address(stalled.Url), Short, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Timeout, result.Failure!.Kind);
    }

    [Fact]
    public async Task Store_answering_an_error_status_is_an_http_error()
    {
        await using var tikv = FakeHttpServer.Answering(503, "text/plain", "server is busy");

        var result = await _probe.ProbeStoreAsync(Address(tikv.Url), Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.HttpError, result.Failure!.Kind);
        Assert.Equal(503, result.Failure.HttpStatus);
        Assert.Equal($"get status from {DeadlineHttpClient.Display(tikv.Url)}: HTTP 503: \"server is busy\"", result.Failure.Message);
    }

    [Fact]
    public async Task Something_else_on_the_port_is_garbage()
    {
        await using var ssh = FakeHttpServer.Start(async (_, stream, ct) => await FakeHttpServer.WriteAsync(stream, "SSH-2.0-OpenSSH_9.6\r\n\r\n", ct));

        var result = await _probe.ProbeStoreAsync(Address(ssh.Url), Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Garbage, result.Failure!.Kind);
        Assert.Equal($"get status from {DeadlineHttpClient.Display(ssh.Url)}: not an HTTP response", result.Failure.Message);
    }

    [Fact]
    public async Task Store_killed_after_an_answer_on_a_kept_alive_connection_is_refused_not_reset()
    {
        var server = FakeHttpServer.Start(async (_, stream, ct) =>
        {
            await FakeHttpServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", ct);
            await Task.Delay(Timeout.Infinite, ct); // keeps the connection open, as TiKV does
        });
        var address = Address(server.Url);
        Assert.True((await _probe.ProbeStoreAsync(address, Deadline, CancellationToken.None)).Ok);

        await server.DisposeAsync();
        var result = await _probe.ProbeStoreAsync(address, Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Refused, result.Failure!.Kind);
    }

    [Fact]
    public async Task Status_address_that_is_no_address_is_a_failure_not_an_exception()
    {
        var result = await _probe.ProbeStoreAsync("", Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Garbage, result.Failure!.Kind);
        Assert.Equal("get status from \"\": not a host:port status address", result.Failure.Message);
    }

    [Theory]
    [InlineData("tikv0:20180", "http://tikv0:20180/status")]
    [InlineData("127.0.0.1:20180", "http://127.0.0.1:20180/status")]
    [InlineData("http://tikv0:20180", "http://tikv0:20180/status")]
    [InlineData("https://tikv0:20180/", "https://tikv0:20180/status")]
    [InlineData("[::1]:20180", "http://[::1]:20180/status")]
    [InlineData("tikv0", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("ftp://tikv0:20180", null)]
    public void Status_url_comes_from_pds_status_address(string? statusAddress, string? expected) =>
        Assert.Equal(expected, StatusProbe.StatusUrl(statusAddress)?.ToString());

    [Fact]
    public async Task Pd_member_answering_ping_is_serving()
    {
        await using var pd = FakeHttpServer.Routing(target => target == "/pd/api/v1/ping"
            ? FakeHttpServer.Response(200, "application/json; charset=UTF-8", "")
            : FakeHttpServer.Response(404, "text/plain", "404 page not found"));

        var result = await _probe.PingPdAsync(pd.Url, Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(["/pd/api/v1/ping"], pd.Requests);
    }

    [Fact]
    public async Task Pd_member_gone_is_refused_and_hung_times_out()
    {
        var gone = FakeHttpServer.RefusingUrl();
        await using var hung = FakeHttpServer.Silent();

        var refused = await _probe.PingPdAsync(gone, Deadline, CancellationToken.None);
        var silent = await _probe.PingPdAsync(hung.Url, Short, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Refused, refused.Failure!.Kind);
        Assert.Equal($"ping http://127.0.0.1:{gone.Port}: connection refused", refused.Failure.Message);
        Assert.Equal(HttpFailureKind.Timeout, silent.Failure!.Kind);
        Assert.Equal($"ping {DeadlineHttpClient.Display(hung.Url)}: no answer within 300 ms", silent.Failure.Message);
    }

    [Fact]
    public async Task Caller_cancellation_propagates_instead_of_becoming_a_failure()
    {
        await using var hung = FakeHttpServer.Silent();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _probe.ProbeStoreAsync(Address(hung.Url), TimeSpan.FromSeconds(30), cancel.Token));
    }

    // As PD lists it: host:port, no scheme.
    private static string Address(Uri url) => $"{url.Host}:{url.Port}";
}
