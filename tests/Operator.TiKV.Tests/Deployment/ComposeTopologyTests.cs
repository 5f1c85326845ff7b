using Operator.Core;
using Operator.TiKV.Deployment;

namespace Operator.TiKV.Tests.Deployment;

public sealed class ComposeTopologyTests
{
    private static readonly Dictionary<long, string> Stores = new()
    {
        [1] = "tikv0:20160",
        [4] = "tikv1:20160",
        [5] = "tikv2:20160",
        [7] = "10.0.0.7:20160",
    };

    [Theory]
    [InlineData("pd0", "pd0")]
    [InlineData("pd2", "pd2")]
    [InlineData("store1", "tikv0")]
    [InlineData("store4", "tikv1")]
    [InlineData("store5", "tikv2")]
    [InlineData("tikv1", "tikv1")]
    [InlineData("prometheus", "prometheus")]
    [InlineData("ycsb", "ycsb")]
    public void Node_names_map_to_services(string node, string service)
    {
        Assert.Equal(service, ComposeTopology.ServiceFor(node, Stores));
    }

    [Fact]
    public void A_store_outside_the_deployment_is_refused_naming_its_address()
    {
        var e = Assert.Throws<OperatorException>(() => ComposeTopology.ServiceFor("store7", Stores));

        Assert.Equal("store7 has address 10.0.0.7:20160, which is not a TiKV container of the compose deployment (tikv0, tikv1, tikv2); is --pd pointing at another cluster?", e.Message);
    }

    [Theory]
    [InlineData("grafana")]
    [InlineData("store")]
    [InlineData("store-1")]
    [InlineData("pd3")]
    public void Other_names_are_refused_listing_what_is_valid(string node)
    {
        var e = Assert.Throws<OperatorException>(() => ComposeTopology.ServiceFor(node, Stores));

        Assert.Equal($"{node} is not a node of the TiKV compose deployment; use a PD member (pd0, pd1, pd2), a store (store<id>) or a service (tikv0, tikv1, tikv2, prometheus, ycsb)", e.Message);
    }

    [Fact]
    public void A_store_without_known_stores_says_pd_reported_none()
    {
        var e = Assert.Throws<OperatorException>(() => ComposeTopology.ServiceFor("store1", new Dictionary<long, string>()));

        Assert.Equal("store1 is not a store of the TiKV cluster (PD reported no stores)", e.Message);
    }

    [Fact]
    public void Containers_are_named_as_compose_names_single_replicas()
    {
        Assert.Equal("operator-tikv-tikv1-1", ComposeTopology.ContainerName(ComposeTopology.DefaultProject, "tikv1"));
    }

    [Fact]
    public void Endpoints_from_the_host_are_loopback_urls()
    {
        Assert.Equal("http://127.0.0.1:2379", ComposeEndpoints.PdUrl);
        Assert.Equal(ComposeEndpoints.PdUrl, ComposeEndpoints.PdMemberUrls["pd0"]);
        Assert.Equal("http://127.0.0.1:9090", ComposeEndpoints.PrometheusUrl);
        Assert.Equal("http://127.0.0.1:2379,http://127.0.0.1:2479,http://127.0.0.1:2579", ComposeEndpoints.AllPdUrls);
        Assert.Equal(ComposeTopology.TikvServices, ComposeEndpoints.StatusAddresses.Keys);
    }
}
