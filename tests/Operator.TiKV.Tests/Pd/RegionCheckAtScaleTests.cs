using System.Net;
using System.Net.Http.Headers;
using Operator.TiKV.Pd;

namespace Operator.TiKV.Tests.Pd;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasuringCollection
{
    // Allocation is measured process-wide, so these tests run alone.
    public const string Name = "allocation measuring";
}

/// <summary>
/// A cluster with a million listed regions is checked as cheaply as one with ten: the answer streams through a
/// small buffer and is never materialised. Bounds are ratios of the body size, not times.
/// </summary>
[Collection(AllocationMeasuringCollection.Name)]
public sealed class RegionCheckAtScaleTests
{
    private const long Regions = 1_000_000;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);
    private static readonly Uri Pd = new("http://pd0:2379");

    [Fact]
    public async Task Million_region_answer_with_count_last_streams_through_with_allocations_far_below_its_size()
    {
        var bodyBytes = SyntheticRegionList.BodyLength(Regions, countFirst: false);
        Assert.True(bodyBytes > 300_000_000, $"the body should be several hundred MB, is {bodyBytes}");
        SyntheticRegionList? served = null;
        using var client = new PdClient([Pd], new Answering(() => served = new SyntheticRegionList(Regions, countFirst: false)));
        await WarmUpAsync(client);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await client.CheckRegionsAsync(PdRegionCheckKind.MissPeer, Deadline, CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(Regions, result.Value.Count);
        Assert.Equal([2UL, 4UL, 6UL, 8UL, 10UL], result.Value.SampleIds);
        Assert.Equal(bodyBytes, served!.BytesServed); // without a leading count every region is read and counted
        Assert.True(allocated < bodyBytes / 100, $"allocated {allocated} bytes reading a {bodyBytes}-byte answer");
    }

    [Fact]
    public async Task Million_region_answer_in_pds_order_stops_reading_once_count_and_sample_are_in()
    {
        var bodyBytes = SyntheticRegionList.BodyLength(Regions, countFirst: true);
        SyntheticRegionList? served = null;
        using var client = new PdClient([Pd], new Answering(() => served = new SyntheticRegionList(Regions, countFirst: true)));
        await WarmUpAsync(client);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await client.CheckRegionsAsync(PdRegionCheckKind.DownPeer, Deadline, CancellationToken.None);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(result.Ok, result.ToString());
        Assert.Equal(Regions, result.Value.Count);
        Assert.Equal([2UL, 4UL, 6UL, 8UL, 10UL], result.Value.SampleIds);
        Assert.True(served!.BytesServed < bodyBytes / 1000, $"read {served.BytesServed} of {bodyBytes} bytes");
        Assert.True(allocated < bodyBytes / 1000, $"allocated {allocated} bytes for a {bodyBytes}-byte answer");
    }

    private static async Task WarmUpAsync(PdClient client)
    {
        // JIT and first-use allocations are not the parser's.
        var warm = await client.CheckRegionsAsync(PdRegionCheckKind.ExtraPeer, Deadline, CancellationToken.None);
        Assert.True(warm.Ok, warm.ToString());
    }

    /// <summary>Answers every request with 200 and a fresh synthetic body (the first one small, for warm-up).</summary>
    private sealed class Answering(Func<SyntheticRegionList> body) : HttpMessageHandler
    {
        private int _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Stream stream = Interlocked.Increment(ref _requests) == 1 ? new SyntheticRegionList(10, countFirst: false) : body();
            var content = new StreamContent(stream, bufferSize: 16 * 1024);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
