using Operator.Etcd.Client;
using Operator.Testing;

namespace Operator.Etcd.Tests.Observing;

public sealed class StaticEndpointSourceTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    private readonly EtcdClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Discovery_names_urls_after_the_members_that_claim_them_and_numbers_the_rest()
    {
        var refusing = FakeHttpServer.RefusingUrl();
        FakeHttpServer? server = null;
        server = FakeHttpServer.Start(async (_, stream, ct) =>
        {
            var self = EtcdClient.Display(server!.Url);
            var json = $$"""{"header":{"member_id":"1"},"members":[{"ID":"1","name":"m1","clientURLs":["{{self}}"]},{"ID":"2","name":"m2","clientURLs":["http://10.0.0.2:2379"]}]}""";
            await FakeHttpServer.WriteAsync(stream, FakeHttpServer.Response(200, "application/json", json), ct);
        });
        await using (server)
        {
            var source = await StaticEndpointSource.DiscoverAsync(_client, [refusing, server.Url], Deadline, CancellationToken.None);

            var endpoints = source.Current();
            Assert.Equal(["n1", "m1"], endpoints.Select(e => e.Name));
            Assert.Equal([refusing, server.Url], endpoints.Select(e => e.ClientUrl));
            Assert.All(endpoints, e => Assert.Null(e.Pid));
            Assert.All(endpoints, e => Assert.Equal(e.ClientUrl, e.MetricsUrl));
        }
    }

    [Fact]
    public void Plain_urls_are_named_n1_to_nN_in_order()
    {
        var source = StaticEndpointSource.FromUrls([new Uri("http://127.0.0.1:23791"), new Uri("http://127.0.0.1:23792")]);

        Assert.Equal(["n1", "n2"], source.Current().Select(e => e.Name));
    }
}
