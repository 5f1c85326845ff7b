using Operator.Core.Http;
using Operator.Testing;
using Operator.TiKV.Pd;
using Operator.TiKV.Tests.Fixtures;

namespace Operator.TiKV.Tests.Pd;

/// <summary>Answers PD would not send, or sends only when something is wrong: clear errors naming the endpoint, partial results where possible.</summary>
public sealed class PdClientBadInputTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    [Theory]
    [InlineData(500, "text/html", "<html><body>Internal Server Error</body></html>", "HTTP 500 with a body PD does not send")]
    [InlineData(502, "text/plain", "Bad Gateway", "HTTP 502 with a body PD does not send")]
    [InlineData(200, "text/html", "<html>\n<body>login</body>\n</html>", "text/html, not PD JSON")]
    [InlineData(200, "application/json", """{"count": 4, "stores": [{"store": {"id": 1, "addr""", "not PD JSON")]
    [InlineData(200, "application/json", "", "not PD JSON")]
    [InlineData(200, "application/json", "[1, 2, 3]", "not PD JSON: the answer is not a JSON object")]
    [InlineData(200, "application/json", """{"count": 4}""", "not PD JSON: the answer has no stores")]
    [InlineData(200, "application/json", """{"count": 1, "stores": {"id": 1}}""", "not PD JSON: stores is not an array")]
    [InlineData(200, "application/json", """{"count": "four", "stores": []}""", "not PD JSON: count is not an integer")]
    public async Task Answers_pd_would_not_send_are_garbage_naming_the_endpoint(int status, string contentType, string body, string expected)
    {
        await using var pd = FakeHttpServer.Answering(status, contentType, body);
        using var client = new PdClient([pd.Url]);

        var result = await client.StoresAsync(Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Garbage, result.Failure!.Kind);
        Assert.StartsWith($"list stores from {DeadlineHttpClient.Display(pd.Url)}: ", result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, result.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', result.Failure.Message);
    }

    [Fact]
    public async Task Unknown_state_name_does_not_crash_and_keeps_the_raw_text()
    {
        var body = Fixture.Text("pd/stores.json").Replace("\"state_name\": \"Disconnected\"", "\"state_name\": \"Quarantined\"", StringComparison.Ordinal);
        await using var pd = FakeHttpServer.Answering(200, Fixture.PdJson, body);
        using var client = new PdClient([pd.Url]);

        var result = await client.StoresAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        var store = result.Value.Stores[1].Store;
        Assert.Equal(PdStoreState.Unknown, store.State);
        Assert.Equal("Quarantined", store.StateName);
        Assert.Equal(PdStoreState.Up, result.Value.Stores[0].Store.State);
    }

    [Fact]
    public async Task Unknown_stored_state_number_without_a_name_is_unknown()
    {
        const string body = """{"count": 1, "stores": [{"store": {"id": 7, "state": 9}, "status": {}}]}""";
        await using var pd = FakeHttpServer.Answering(200, Fixture.PdJson, body);
        using var client = new PdClient([pd.Url]);

        var store = (await client.StoresAsync(Deadline, CancellationToken.None)).Value!.Stores.Single().Store;

        Assert.Equal(PdStoreState.Unknown, store.State);
        Assert.Equal(9, (int)store.StoredState);
    }

    [Fact]
    public async Task Store_with_a_field_of_the_wrong_type_is_left_out_and_the_others_are_kept()
    {
        var body = Fixture.Text("pd/stores.json").Replace("\"leader_count\": 0,", "\"leader_count\": \"none\",", StringComparison.Ordinal);
        await using var pd = FakeHttpServer.Answering(200, Fixture.PdJson, body);
        using var client = new PdClient([pd.Url]);

        var result = await client.StoresAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(4, result.Value.Count);
        Assert.Equal([1UL], result.Value.Stores.Select(s => s.Store.Id));
        Assert.Equal(3, result.Value.Problems.Count);
        Assert.StartsWith("stores[1] (id 4): ", result.Value.Problems[0], StringComparison.Ordinal);
        Assert.Contains("$.status.leader_count", result.Value.Problems[0], StringComparison.Ordinal);
        Assert.StartsWith("stores[3] (id 9007199254740993): ", result.Value.Problems[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_entry_without_an_id_is_a_problem_not_a_store()
    {
        const string body = """{"count": 2, "stores": [{"store": {"address": "tikv9:20160"}, "status": {}}, 42, {"store": {"id": 5}}]}""";
        await using var pd = FakeHttpServer.Answering(200, Fixture.PdJson, body);
        using var client = new PdClient([pd.Url]);

        var result = await client.StoresAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal([5UL], result.Value.Stores.Select(s => s.Store.Id));
        Assert.Equal("stores[0]: no store.id", result.Value.Problems[0]);
        Assert.StartsWith("stores[1]: ", result.Value.Problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_fields_read_as_zero_and_empty()
    {
        const string body = """{"count": 1, "stores": [{"store": {"id": 12}}]}""";
        await using var pd = FakeHttpServer.Answering(200, Fixture.PdJson, body);
        using var client = new PdClient([pd.Url]);

        var store = (await client.StoresAsync(Deadline, CancellationToken.None)).Value!.Stores.Single();

        Assert.Equal(PdStoreState.Up, store.Store.State); // no name, stored state omitted = Up
        Assert.Equal("", store.Store.StatusAddress);
        Assert.Null(store.Store.LastHeartbeatAt);
        Assert.Null(store.Status.CapacityBytes);
        Assert.Null(store.Status.DiskUsedRatio);
        Assert.Null(store.Status.LastHeartbeatTs);
        Assert.Null(store.Status.UptimeSpan);
        Assert.Equal(0, store.Status.LeaderCount);
    }

    [Fact]
    public async Task Empty_store_list_is_an_answer()
    {
        await using var pd = FakeHttpServer.Answering(200, Fixture.PdJson, "{\n  \"count\": 0,\n  \"stores\": []\n}\n");
        using var client = new PdClient([pd.Url]);

        var result = await client.StoresAsync(Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Empty(result.Value.Stores);
    }

    [Fact]
    public async Task Empty_member_list_is_garbage()
    {
        await using var pd = FakeHttpServer.Answering(200, Fixture.PdJson, """{"header": {"cluster_id": 1}, "members": []}""");
        using var client = new PdClient([pd.Url]);

        var result = await client.MembersAsync(Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Garbage, result.Failure!.Kind);
        Assert.Contains("the member list is empty", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Region_count_without_count_is_garbage()
    {
        await using var pd = FakeHttpServer.Answering(200, Fixture.PdJson, """{"regions": null}""");
        using var client = new PdClient([pd.Url]);

        var result = await client.RegionCountAsync(Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Garbage, result.Failure!.Kind);
        Assert.Contains("count", result.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_answer_for_another_id_is_garbage()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/store/4", Fixture.Json("pd/store-1.json")));
        using var client = new PdClient([pd.Url]);

        var result = await client.StoreAsync(4, Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Garbage, result.Failure!.Kind);
        Assert.Contains("the answer is store 1", result.Failure.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"count": 3, "regions": [{"id": 14}, {"id": 15""", "not PD JSON")]
    [InlineData("""{"count": 3, "regions": [{"id": "fourteen"}]}""", "the id of region #1 is not an unsigned integer")]
    [InlineData("""{"count": -1, "regions": []}""", "count is not a non-negative integer")]
    [InlineData("""{"regions": 7}""", "regions is not an array")]
    [InlineData("""{"count": 2, "regions": [1, 2]}""", "region #0 is not an object")]
    [InlineData("""{"unrelated": true}""", "the answer has neither count nor regions")]
    [InlineData("[]", "the answer is not a JSON object")]
    [InlineData("", "not PD JSON")]
    public async Task Region_check_answers_pd_would_not_send_are_garbage(string body, string expected)
    {
        await using var pd = FakeHttpServer.Answering(200, Fixture.PdJson, body);
        using var client = new PdClient([pd.Url]);

        var result = await client.CheckRegionsAsync(PdRegionCheckKind.MissPeer, Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Garbage, result.Failure!.Kind);
        Assert.StartsWith($"check miss-peer regions from {DeadlineHttpClient.Display(pd.Url)}: ", result.Failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Region_check_error_status_is_classified_like_other_calls()
    {
        await using var pd = Fixture.Serve(("/pd/api/v1/regions/check/miss-peer", Fixture.Json("pd/error-not-bootstrapped.json", 500)));
        using var client = new PdClient([pd.Url]);

        var result = await client.CheckRegionsAsync(PdRegionCheckKind.MissPeer, Deadline, CancellationToken.None);

        Assert.True(result.NotBootstrapped, result.ToString());
    }

    [Fact]
    public async Task Region_check_html_is_garbage_with_a_snippet()
    {
        await using var pd = FakeHttpServer.Answering(200, "text/html", "<html><body>login</body></html>");
        using var client = new PdClient([pd.Url]);

        var result = await client.CheckRegionsAsync(PdRegionCheckKind.DownPeer, Deadline, CancellationToken.None);

        Assert.Equal(HttpFailureKind.Garbage, result.Failure!.Kind);
        Assert.Contains("\"<html><body>login</body></html>\"", result.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Region_check_without_count_counts_the_listed_regions()
    {
        await using var pd = FakeHttpServer.Answering(200, Fixture.PdJson, """{"regions": [{"id": 3, "peers": [{"id": 4, "store_id": 1}]}, {"leader": {"id": 8}, "id": 9}]}""");
        using var client = new PdClient([pd.Url]);

        var result = await client.CheckRegionsAsync(PdRegionCheckKind.PendingPeer, Deadline, CancellationToken.None);

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(2, result.Value.Count);
        Assert.Equal([3UL, 9UL], result.Value.SampleIds); // nested ids (peers, leader) are not region ids
    }

    [Fact]
    public async Task Answer_cut_off_mid_body_is_not_an_answer()
    {
        // Announces 4 KiB, sends 30 bytes, closes.
        await using var pd = FakeHttpServer.Start(async (_, stream, ct) =>
            await FakeHttpServer.WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4096\r\n\r\n{\"count\": 4, \"stores\": [{\"sto", ct));
        using var client = new PdClient([pd.Url]);

        var result = await client.StoresAsync(Deadline, CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Equal(HttpFailureKind.OtherTransport, result.Failure.Kind);
        Assert.Contains("connection closed before a complete response", result.Failure.Detail, StringComparison.Ordinal);
    }
}
