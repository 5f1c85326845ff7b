using System.Text.Json;
using Operator.FakeTikv;
using Operator.Testing;
using Xunit.Abstractions;

namespace Operator.TiKV.Tests.Fake;

/// <summary>
/// The benchmark topology: 1,000 stores, each with its own status port, and 1,000,000 regions of which 37 miss a peer.
/// PD's cheap endpoints answer it with exact counts, and the fake holds no per-region objects: memory is asserted as
/// bytes per region, far below what even the smallest region object would take. (Speed is measured in bench/, not here.)
/// </summary>
[Collection(LargeTopologyCollection.Name)]
public sealed class FakeLargeTopologyTests(ITestOutputHelper output)
{
    private const int Stores = 1000;
    private const long Regions = 1_000_000;

    [Fact]
    public async Task Thousand_stores_and_a_million_regions_answer_stores_counts_and_miss_peer_with_bounded_memory()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { StoreCount = Stores, RegionCount = Regions, MissPeerRegions = 37 });
        using var http = new FakeHttp(TimeSpan.FromSeconds(60));
        var pd = cluster.PdUrls[0] + "/pd/api/v1";

        var stores = await http.GetJsonAsync(pd + "/stores");
        var count = await http.GetJsonAsync(pd + "/regions/count");
        var missPeer = await http.GetJsonAsync(pd + "/regions/check/miss-peer");
        var downPeer = await http.GetJsonAsync(pd + "/regions/check/down-peer");
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;

        Assert.Equal(Stores, stores.GetProperty("count").GetInt32());
        var statusAddresses = stores.GetProperty("stores").EnumerateArray().Select(s => s.GetProperty("store").GetProperty("status_address").GetString()!).ToList();
        Assert.Equal(Stores, statusAddresses.Distinct().Count());
        Assert.Equal(Regions, count.GetProperty("count").GetInt64());
        Assert.Equal(37, missPeer.GetProperty("count").GetInt32());
        Assert.Equal(37, missPeer.GetProperty("regions").GetArrayLength());
        Assert.All(missPeer.GetProperty("regions").EnumerateArray(), r => Assert.Equal(2, r.GetProperty("peers").GetArrayLength()));
        Assert.Equal(0, downPeer.GetProperty("count").GetInt32());
        Assert.Equal(Regions * 3, stores.GetProperty("stores").EnumerateArray().Sum(s => (long)s.GetProperty("status").GetProperty("region_count").GetInt32()) + 37);
        output.WriteLine($"managed heap held by the fake: {held / 1024} KiB ({(double)held / Regions:0.0} bytes per region)");
        Assert.True(held / Regions < 16, $"the fake holds {held / (1 << 20)} MiB for {Regions} regions ({held / Regions} bytes per region)");
    }

    [Fact]
    public async Task All_thousand_status_ports_answer_and_a_killed_one_refuses()
    {
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { StoreCount = Stores, RegionCount = 10_000 });
        using var http = new FakeHttp(TimeSpan.FromSeconds(60));
        var victim = cluster.Stores[500];

        victim.Kill();
        using var gate = new SemaphoreSlim(64);
        var statuses = await Task.WhenAll(cluster.Stores.Where(s => s != victim).Select(async s =>
        {
            await gate.WaitAsync();
            try
            {
                return (await http.GetAsync($"http://{s.StatusAddress}/status")).Status;
            }
            finally
            {
                gate.Release();
            }
        }));

        Assert.Equal(Stores - 1, statuses.Count(s => s == 200));
        Assert.True(await http.IsRefusedAsync($"http://{victim.StatusAddress}/status"));
        Assert.Equal(Stores - 1, cluster.Requests.CountOf("/status"));
    }

    [Fact]
    public async Task All_regions_stream_in_chunks_without_the_fake_buffering_them()
    {
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { StoreCount = Stores, RegionCount = Regions });
        using var http = new FakeHttp(TimeSpan.FromSeconds(60));
        var before = GC.GetTotalMemory(forceFullCollection: true);

        using var request = new HttpRequestMessage(HttpMethod.Get, cluster.PdUrls[0] + "/pd/api/v1/regions");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long read = 0;
        int n;
        while (read < 64L << 20 && (n = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, (64L << 20) - read)))) > 0)
        {
            read += n;
        }

        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        output.WriteLine($"heap growth after streaming 64 MiB of /regions: {held / 1024} KiB");

        Assert.True(response.Headers.TransferEncodingChunked);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.Equal(64L << 20, read);
        Assert.True(held < 16L << 20, $"streaming 64 MiB of /regions grew the heap by {held / (1 << 20)} MiB");
        await Eventually.WaitUntilAsync(() => cluster.Requests.CountOf("/pd/api/v1/regions") == 1, TimeSpan.FromSeconds(5), "the /regions request is recorded");
    }

    [Fact]
    public async Task Region_by_id_and_down_peer_scan_work_at_a_million_regions()
    {
        var clock = new ManualClock();
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { StoreCount = Stores, RegionCount = Regions }, clock);
        using var http = new FakeHttp(TimeSpan.FromSeconds(60));
        var pd = cluster.PdUrls[0] + "/pd/api/v1";
        var store = cluster.Stores[10];

        store.Kill();
        clock.Advance(TimeSpan.FromMinutes(11));
        var downPeer = await http.GetJsonAsync(pd + "/regions/check/down-peer");
        var lastId = cluster.Regions.Layout.IdAt(Regions - 1);
        var last = await http.GetJsonAsync($"{pd}/region/id/{lastId}");

        Assert.Equal(store.Status.RegionCount, downPeer.GetProperty("count").GetInt32());
        Assert.All(downPeer.GetProperty("regions").EnumerateArray(), r =>
            Assert.Equal(store.Id, r.GetProperty("down_peers")[0].GetProperty("peer").GetProperty("store_id").GetUInt64()));
        Assert.Equal(lastId, last.GetProperty("id").GetUInt64());
        Assert.Equal("", last.GetProperty("end_key").GetString());
        Assert.Equal(JsonValueKind.Array, last.GetProperty("peers").ValueKind);
    }
}
