using System.Text.Json;
using Operator.FakeTikv;
using Operator.FakeTikv.Pd;

namespace Operator.TiKV.Tests.Fake;

/// <summary>PD paths can be broken on purpose: HTML, truncated JSON, 500, a hang or a dropped connection.</summary>
public sealed class FakePdFaultTests
{
    [Fact]
    public async Task Html_fault_answers_200_with_an_html_page()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        cluster.PdFaults.Set("/stores", PdFault.Html);

        var reply = await http.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/stores");

        Assert.Equal(200, reply.Status);
        Assert.StartsWith("text/html", reply.ContentType, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", reply.Body, StringComparison.Ordinal);
        Assert.Equal(200, (await http.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/members")).Status);
    }

    [Fact]
    public async Task Truncated_json_fault_cuts_fixed_and_streamed_bodies()
    {
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { RegionCount = 5000 });
        using var http = new FakeHttp();
        cluster.PdFaults.Set("/pd/api/v1/stores", PdFault.TruncatedJson);
        cluster.PdFaults.Set("/regions", PdFault.TruncatedJson);

        var stores = await http.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/stores");
        var regions = await http.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/regions");

        Assert.Equal(200, stores.Status);
        Assert.ThrowsAny<JsonException>(() => stores.Json);
        Assert.Equal(4096, regions.Body.Length);
        Assert.ThrowsAny<JsonException>(() => regions.Json);
    }

    [Fact]
    public async Task Server_error_fault_answers_a_coded_500_on_the_named_member_only()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        cluster.PdFaults.Set("/region/id/*", PdFault.ServerError, "pd0");

        var broken = await http.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/region/id/6");
        var fine = await http.GetAsync(cluster.PdUrls[1] + "/pd/api/v1/region/id/6");

        Assert.Equal((500, "[PD:etcd:ErrEtcdKVGet]context deadline exceeded"), (broken.Status, broken.Json.GetString()));
        Assert.Equal(200, fine.Status);
        cluster.PdFaults.Clear("/region/id/*", "pd0");
        Assert.Equal(200, (await http.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/region/id/6")).Status);
    }

    [Fact]
    public async Task Drop_and_hang_faults_give_no_answer()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp(TimeSpan.FromMilliseconds(500));
        cluster.PdFaults.Set("/health", PdFault.Drop);
        cluster.PdFaults.Set("/members", PdFault.Hang);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/health"));
        await Assert.ThrowsAsync<TaskCanceledException>(() => http.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/members"));
        Assert.Equal(200, (await http.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/ping")).Status);
    }
}
