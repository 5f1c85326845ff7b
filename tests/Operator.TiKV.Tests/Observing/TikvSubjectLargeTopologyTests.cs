using Operator.Core.Observing;
using Operator.FakeTikv;
using Operator.TiKV.Observing;
using Operator.TiKV.Tests.Fake;

namespace Operator.TiKV.Tests.Observing;

/// <summary>
/// One cycle over the benchmark topology (1,000 stores, 1,000,000 regions, 37 missing a peer): every store probed, the
/// exact counts from PD, and not one request that lists every region. (Its time and memory are measured in bench/.)
/// </summary>
[Collection(LargeTopologyCollection.Name)]
public sealed class TikvSubjectLargeTopologyTests
{
    [Fact]
    public async Task One_cycle_over_a_thousand_stores_and_a_million_regions_counts_37_miss_peer_without_listing_regions()
    {
        await using var cluster = FakeTikvCluster.Start(new FakeTikvOptions { StoreCount = 1000, RegionCount = 1_000_000, MissPeerRegions = 37 });
        await using var subject = new TikvSubject(cluster.PdUrls.Select(u => new Uri(u)).ToList(), null, TimeProvider.System, new TikvSubjectOptions { ProbeTimeout = TimeSpan.FromSeconds(10) });

        var o = await subject.ObserveAsync(CancellationToken.None);

        Assert.Empty(o.Errors);
        Assert.Equal(1000, o.Nodes.Count(n => n.Role == TikvReadings.TikvRole));
        Assert.All(o.Nodes, n => Assert.Equal(NodeState.Up, n.State));
        Assert.Equal("1000000", o.Fact(TikvReadings.TotalRegions));
        Assert.Equal("37", o.Fact(TikvReadings.MissPeerRegions));
        Assert.Equal(0, cluster.Requests.CountOf("/pd/api/v1/regions"));
        Assert.Equal(1000, cluster.Requests.CountOf("/status"));
    }
}
