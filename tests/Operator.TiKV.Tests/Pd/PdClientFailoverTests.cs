using Operator.Core.Http;
using Operator.Testing;
using Operator.TiKV.Pd;
using Operator.TiKV.Tests.Fixtures;

namespace Operator.TiKV.Tests.Pd;

/// <summary>Trying the PD endpoints in turn: what falls through, what is PD's verdict, and where the next call starts.</summary>
public sealed class PdClientFailoverTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Follower_answering_503_plain_text_no_leader_falls_through_to_the_next_endpoint()
    {
        await using var follower = Fixture.Serve(("/pd/api/v1/stores", Fixture.Plain("pd/error-no-leader.txt", 503)));
        await using var leader = Fixture.Serve(("/pd/api/v1/stores", Fixture.Json("pd/stores.json")));
        using var client = new PdClient([follower.Url, leader.Url]);

        var result = await client.StoresAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(leader.Url, result.AnsweredBy);
        var skipped = Assert.Single(result.FailedEndpoints);
        Assert.Equal(follower.Url, skipped.Endpoint);
        Assert.Equal(HttpFailureKind.HttpError, skipped.Failure.Kind);
        Assert.Equal(503, skipped.Failure.HttpStatus);
        Assert.Equal(PdErrorCodes.RedirectNoLeader, skipped.Failure.ErrorCode);
        Assert.Equal($"list stores from {Display(follower.Url)}: HTTP 503: [PD:apiutil:ErrRedirectNoLeader]redirect finds no leader", skipped.Failure.Message);
    }

    [Fact]
    public async Task Next_call_starts_at_the_endpoint_that_answered_last()
    {
        await using var broken = FakeHttpServer.Answering(502, "text/html", "<html><body>Bad Gateway</body></html>");
        await using var good = Fixture.Serve(("/pd/api/v1/health", Fixture.Json("pd/health.json")));
        using var client = new PdClient([broken.Url, good.Url]);
        Assert.Equal(broken.Url, client.PreferredEndpoint);

        var first = await client.HealthAsync(Deadline, CancellationToken.None);
        var second = await client.HealthAsync(Deadline, CancellationToken.None);

        Assert.True(first.Ok, first.ToString());
        Assert.Single(first.FailedEndpoints);
        Assert.True(second.Ok, second.ToString());
        Assert.Empty(second.FailedEndpoints);
        Assert.Equal(good.Url, second.AnsweredBy);
        Assert.Equal(good.Url, client.PreferredEndpoint);
        Assert.Equal(1, broken.Connections);
    }

    [Fact]
    public async Task After_the_preferred_endpoint_fails_the_others_are_tried_in_order_wrapping_around()
    {
        var aAnswers = false;
        await using var a = FakeHttpServer.Routing(_ => Volatile.Read(ref aAnswers)
            ? Fixture.Json("pd/health.json")
            : FakeHttpServer.Response(502, "text/html", "<html>Bad Gateway</html>"));
        await using var b = Fixture.Serve(("/pd/api/v1/health", Fixture.Json("pd/health.json")));
        await using var c = Fixture.Serve(("/pd/api/v1/health", Fixture.Plain("pd/error-redirect-failed.txt", 500)));
        var bUrl = b.Url;
        using var client = new PdClient([a.Url, FakeHttpServer.RefusingUrl(), bUrl, c.Url]);

        // a and the closed port fail, b answers; then b goes away and a recovers.
        Assert.Equal(bUrl, (await client.HealthAsync(Deadline, CancellationToken.None)).AnsweredBy);
        await b.DisposeAsync();
        Volatile.Write(ref aAnswers, true);
        var result = await client.HealthAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(a.Url, result.AnsweredBy);
        Assert.Equal([bUrl, c.Url], result.FailedEndpoints.Select(f => f.Endpoint));
        Assert.Equal(HttpFailureKind.Refused, result.FailedEndpoints[0].Failure.Kind);
        Assert.Equal(PdErrorCodes.RedirectFailed, result.FailedEndpoints[1].Failure.ErrorCode);
    }

    [Fact]
    public async Task All_endpoints_down_gives_one_error_naming_each_endpoint_and_what_it_did()
    {
        var refusing = FakeHttpServer.RefusingUrl();
        await using var silent = FakeHttpServer.Silent();
        await using var html = FakeHttpServer.Answering(500, "text/html", "<html><body>Internal Server Error</body></html>");
        using var client = new PdClient([refusing, silent.Url, html.Url]);

        var result = await client.StoresAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Null(result.AnsweredBy);
        Assert.Equal(
            [HttpFailureKind.Refused, HttpFailureKind.Timeout, HttpFailureKind.Garbage],
            result.FailedEndpoints.Select(f => f.Failure.Kind));
        Assert.Equal(HttpFailureKind.Garbage, result.Failure.Kind); // the endpoint that got furthest
        Assert.Equal(
            "list stores from PD: no endpoint answered: "
            + $"{Display(refusing)}: connection refused; "
            + $"{Display(silent.Url)}: no answer within 500 ms; "
            + $"{Display(html.Url)}: HTTP 500 with a body PD does not send: \"<html><body>Internal Server Error</body></html>\"",
            result.Failure.Message);
    }

    [Fact]
    public async Task All_endpoints_refusing_is_refused()
    {
        using var client = new PdClient([FakeHttpServer.RefusingUrl(), FakeHttpServer.RefusingUrl()]);

        var result = await client.MembersAsync(Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Refused, result.Failure!.Kind);
        Assert.Equal(2, result.FailedEndpoints.Count);
        Assert.StartsWith("list members from PD: no endpoint answered: ", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_endpoint_down_fails_with_that_endpoints_own_message()
    {
        var refusing = FakeHttpServer.RefusingUrl();
        using var client = new PdClient([refusing]);

        var result = await client.HealthAsync(Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Refused, result.Failure!.Kind);
        Assert.Equal($"get health from {Display(refusing)}: connection refused", result.Failure.Message);
    }

    [Fact]
    public async Task No_leader_on_every_follower_keeps_the_pd_code_on_the_combined_failure()
    {
        await using var a = Fixture.Serve(("/pd/api/v1/members", Fixture.Plain("pd/error-no-leader.txt", 503)));
        await using var b = Fixture.Serve(("/pd/api/v1/members", Fixture.Plain("pd/error-no-leader.txt", 503)));
        using var client = new PdClient([FakeHttpServer.RefusingUrl(), a.Url, b.Url]);

        var result = await client.MembersAsync(Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.HttpError, result.Failure!.Kind);
        Assert.Equal(PdErrorCodes.RedirectNoLeader, result.Failure.ErrorCode);
        Assert.Equal(503, result.Failure.HttpStatus);
    }

    [Fact]
    public async Task Html_answer_with_200_falls_through()
    {
        await using var proxy = FakeHttpServer.Answering(200, "text/html", "<html>\n<body>login</body>\n</html>");
        await using var pd = Fixture.Serve(("/pd/api/v1/cluster/status", Fixture.Json("pd/cluster-status.json")));
        using var client = new PdClient([proxy.Url, pd.Url]);

        var result = await client.ClusterStatusAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(HttpFailureKind.Garbage, result.FailedEndpoints.Single().Failure.Kind);
        Assert.Contains("text/html, not PD JSON", result.FailedEndpoints.Single().Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_request_with_an_errcode_object_is_pd_verdict()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/store/1", Fixture.Json("pd/error-errcode.json", 400)));
        await using var other = Fixture.Serve();
        using var client = new PdClient([pd.Url, other.Url]);

        var result = await client.StoreAsync(1, Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.HttpError, result.Failure!.Kind);
        Assert.Equal("input", result.Failure.ErrorCode);
        Assert.Equal($"get store 1 from {Display(pd.Url)}: HTTP 400: invalid character 'x' looking for beginning of value (errcode input)", result.Failure.Message);
        Assert.Equal(0, other.Connections);
    }

    [Fact]
    public async Task Bad_request_with_an_uncoded_json_string_is_pd_verdict()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/store/1", Fixture.Json("pd/error-missing-store-id.json", 400)));
        using var client = new PdClient([pd.Url]);

        var result = await client.StoreAsync(1, Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.HttpError, result.Failure!.Kind);
        Assert.Null(result.Failure.ErrorCode);
        Assert.Equal($"get store 1 from {Display(pd.Url)}: HTTP 400: missing store id", result.Failure.Message);
        Assert.Equal(pd.Url, result.AnsweredBy);
    }

    [Fact]
    public async Task Caller_cancellation_propagates_instead_of_becoming_a_failure()
    {
        await using var silent = FakeHttpServer.Silent();
        using var client = new PdClient([silent.Url]);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.StoresAsync(TimeSpan.FromSeconds(30), cancel.Token));
    }

    [Fact]
    public void Endpoints_must_be_absolute_http_urls()
    {
        Assert.Throws<ArgumentException>(() => new PdClient([]));
        Assert.Throws<ArgumentException>(() => new PdClient([new Uri("ftp://pd0:2379")]));
    }

    [Fact]
    public async Task Ping_asks_only_that_member()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/ping", FakeHttpServer.Response(200, Fixture.PdJson, "")));
        var refusing = FakeHttpServer.RefusingUrl();
        using var client = new PdClient([refusing, pd.Url]);

        var ok = await client.PingAsync(pd.Url, Deadline, CancellationToken.None);
        var down = await client.PingAsync(refusing, Deadline, CancellationToken.None);

        Assert.True(ok.Ok, ok.ToString());
        Assert.Equal(["/pd/api/v1/ping"], pd.Requests);
        Assert.Equal(HttpFailureKind.Refused, down.Failure!.Kind);
        Assert.Equal($"ping {Display(refusing)}: connection refused", down.Failure.Message);
    }

    private static string Display(Uri url) => DeadlineHttpClient.Display(url);
}
