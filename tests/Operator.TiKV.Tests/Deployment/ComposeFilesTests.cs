using Operator.TiKV.Deployment;
using YamlDotNet.RepresentationModel;

namespace Operator.TiKV.Tests.Deployment;

public sealed class ComposeFilesTests
{
    private static readonly string[] Pds = ["pd0", "pd1", "pd2"];
    private static readonly string[] Tikvs = ["tikv0", "tikv1", "tikv2"];

    private readonly YamlMappingNode _services = Map(Yaml(ComposeFiles.ComposeFile), "services");

    [Fact]
    public void Compose_file_has_three_pd_three_tikv_prometheus_and_the_load()
    {
        Assert.Equal(
            ["pd0", "pd1", "pd2", "tikv0", "tikv1", "tikv2", "prometheus", "ycsb"],
            _services.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal(ComposeTopology.Services, _services.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
    }

    [Theory]
    [InlineData("pd0")]
    [InlineData("pd1")]
    [InlineData("pd2")]
    public void Pd_members_run_v8_5_5_with_the_reference_flags_and_health_check(string name)
    {
        var pd = Map(_services, name);

        Assert.Equal("pingcap/pd:v8.5.5", Text(pd, "image"));
        Assert.Equal(
            [
                $"--name={name}",
                "--data-dir=/data",
                "--client-urls=http://0.0.0.0:2379",
                $"--advertise-client-urls=http://{name}:2379",
                "--peer-urls=http://0.0.0.0:2380",
                $"--advertise-peer-urls=http://{name}:2380",
                "--initial-cluster=pd0=http://pd0:2380,pd1=http://pd1:2380,pd2=http://pd2:2380",
            ],
            List(pd, "command"));
        var health = Map(pd, "healthcheck");
        Assert.Equal(["CMD", "curl", "-sf", "http://localhost:2379/pd/api/v1/health"], List(health, "test"));
        Assert.Equal("5s", Text(health, "interval"));
        Assert.Equal("10s", Text(health, "start_period"));
        Assert.Equal([$"{name}-data:/data"], List(pd, "volumes"));
        Assert.Equal("on-failure", Text(pd, "restart"));
        var hostPort = new Uri(ComposeEndpoints.PdMemberUrls[name]).Port;
        Assert.Equal([$"127.0.0.1:{hostPort}:2379"], List(pd, "ports"));
    }

    [Theory]
    [InlineData("tikv0")]
    [InlineData("tikv1")]
    [InlineData("tikv2")]
    public void Tikv_stores_advertise_a_status_address_the_host_reaches(string name)
    {
        var tikv = Map(_services, name);
        var statusAddress = ComposeEndpoints.StatusAddresses[name];

        Assert.Equal("pingcap/tikv:v8.5.5", Text(tikv, "image"));
        Assert.Equal(
            [
                "--addr=0.0.0.0:20160",
                $"--advertise-addr={name}:20160",
                "--status-addr=0.0.0.0:20180",
                $"--advertise-status-addr={statusAddress}",
                "--data-dir=/data",
                "--pd=pd0:2379,pd1:2379,pd2:2379",
            ],
            List(tikv, "command"));
        Assert.StartsWith("127.0.0.1:", statusAddress, StringComparison.Ordinal);
        Assert.Equal([$"{statusAddress}:20180"], List(tikv, "ports")); // published on exactly the advertised host port
        var health = Map(tikv, "healthcheck");
        Assert.Equal(["CMD", "curl", "-s", "http://localhost:20180/status"], List(health, "test"));
        Assert.Equal("30s", Text(health, "start_period"));
        var dependsOn = Map(tikv, "depends_on");
        Assert.Equal(Pds, dependsOn.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.All(Pds, pd => Assert.Equal("service_healthy", Text(Map(dependsOn, pd), "condition")));
        Assert.Equal([$"{name}-data:/data"], List(tikv, "volumes"));
        Assert.Equal("on-failure", Text(tikv, "restart"));
    }

    [Fact]
    public void Prometheus_is_published_with_its_config_mounted_and_15_days_retention()
    {
        var prometheus = Map(_services, "prometheus");

        Assert.StartsWith("prom/prometheus:", Text(prometheus, "image"), StringComparison.Ordinal);
        Assert.Equal([$"127.0.0.1:{new Uri(ComposeEndpoints.PrometheusUrl).Port}:9090"], List(prometheus, "ports"));
        Assert.Contains("./prometheus.yml:/etc/prometheus/prometheus.yml:ro", List(prometheus, "volumes"));
        Assert.Contains("--config.file=/etc/prometheus/prometheus.yml", List(prometheus, "command"));
        Assert.Contains("--storage.tsdb.retention.time=15d", List(prometheus, "command"));
        Assert.Contains("--web.enable-lifecycle", List(prometheus, "command"));
    }

    [Fact]
    public void Load_builds_go_ycsb_and_runs_workload_a_on_rawkv_against_pd0()
    {
        var ycsb = Map(_services, "ycsb");
        var build = Map(ycsb, "build");
        var script = Assert.Single(List(ycsb, "command"));

        Assert.Equal(".", Text(build, "context"));
        Assert.Equal(ComposeFiles.YcsbDockerfile, Text(build, "dockerfile"));
        Assert.Equal(["/bin/sh", "-c"], List(ycsb, "entrypoint"));
        Assert.Contains("go-ycsb load tikv -P /custom-workloads/workloada.properties -p tikv.pd=pd0:2379 -p tikv.type=raw", script, StringComparison.Ordinal);
        Assert.Contains("&& exec go-ycsb run tikv -P /custom-workloads/workloada.properties -p tikv.pd=pd0:2379 -p tikv.type=raw", script, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', script); // a folded scalar: one shell line
        Assert.Equal(["./workloada.properties:/custom-workloads/workloada.properties:ro"], List(ycsb, "volumes"));
        Assert.All(Tikvs, tikv => Assert.Equal("service_healthy", Text(Map(Map(ycsb, "depends_on"), tikv), "condition")));
    }

    [Fact]
    public void Every_named_volume_is_declared_and_every_port_is_bound_to_loopback_once()
    {
        var declared = Map(Yaml(ComposeFiles.ComposeFile), "volumes").Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        var used = _services.Children.Values.Cast<YamlMappingNode>()
            .SelectMany(s => s.Children.ContainsKey("volumes") ? List(s, "volumes") : [])
            .Select(v => v.Split(':')[0])
            .Where(source => !source.StartsWith("./", StringComparison.Ordinal))
            .ToHashSet();
        var ports = _services.Children.Values.Cast<YamlMappingNode>()
            .SelectMany(s => s.Children.ContainsKey("ports") ? List(s, "ports") : [])
            .ToList();

        Assert.Equal(used, declared);
        Assert.All(ports, p => Assert.StartsWith("127.0.0.1:", p, StringComparison.Ordinal));
        Assert.Equal(ports.Count, ports.Select(p => p.Split(':')[1]).Distinct().Count());
    }

    [Fact]
    public void Prometheus_scrapes_pd_and_tikv_every_15_s_labelling_stores_by_status_address()
    {
        var config = Yaml(ComposeFiles.PrometheusConfig);
        var global = Map(config, "global");
        var jobs = ((YamlSequenceNode)config.Children[new YamlScalarNode("scrape_configs")]).Children.Cast<YamlMappingNode>().ToList();
        var pd = jobs.Single(j => Text(j, "job_name") == "pd");
        var tikv = jobs.Single(j => Text(j, "job_name") == "tikv");

        Assert.Equal("15s", Text(global, "scrape_interval"));
        Assert.Equal("15s", Text(global, "evaluation_interval"));
        Assert.Equal("true", Text(pd, "honor_labels"));
        Assert.Equal("true", Text(tikv, "honor_labels"));
        var pdTargets = ((YamlSequenceNode)pd.Children[new YamlScalarNode("static_configs")]).Children.Cast<YamlMappingNode>().SelectMany(c => List(c, "targets"));
        Assert.Equal(["pd0:2379", "pd1:2379", "pd2:2379"], pdTargets);
        var tikvTargets = ((YamlSequenceNode)tikv.Children[new YamlScalarNode("static_configs")]).Children.Cast<YamlMappingNode>()
            .ToDictionary(c => Assert.Single(List(c, "targets")), c => Text(Map(c, "labels"), "instance"));
        Assert.Equal(
            Tikvs.ToDictionary(t => $"{t}:20180", t => ComposeEndpoints.StatusAddresses[t]),
            tikvTargets);
    }

    [Fact]
    public void Ycsb_image_is_built_from_source_with_go_1_21_and_runs_go_ycsb()
    {
        var dockerfile = ComposeFiles.Read(ComposeFiles.YcsbDockerfile);

        Assert.Contains("FROM golang:1.21-alpine AS build", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"ARG GO_YCSB_COMMIT=[0-9a-f]{40}\n", dockerfile);
        Assert.Contains("go build -o /go-ycsb ./cmd/go-ycsb", dockerfile, StringComparison.Ordinal);
        Assert.Matches(@"\nFROM alpine:[0-9.]+\n", dockerfile);
        Assert.Contains("COPY --from=build /src/workloads /workloads", dockerfile, StringComparison.Ordinal);
        Assert.EndsWith("ENTRYPOINT [\"go-ycsb\"]\n", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Workload_is_ycsb_a_as_the_reference_gives_it()
    {
        var properties = ComposeFiles.Read(ComposeFiles.Workload).Split('\n')
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.StartsWith('#'))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);

        Assert.Equal("10000", properties["recordcount"]);
        Assert.Equal("100000", properties["operationcount"]);
        Assert.Equal("core", properties["workload"]);
        Assert.Equal("true", properties["readallfields"]);
        Assert.Equal("0.5", properties["readproportion"]);
        Assert.Equal("0.5", properties["updateproportion"]);
        Assert.Equal("0", properties["scanproportion"]);
        Assert.Equal("0", properties["insertproportion"]);
        Assert.Equal("zipfian", properties["requestdistribution"]);
    }

    [Fact]
    public void A_port_offset_moves_every_host_port_and_the_addresses_that_must_match_them_but_no_container_port()
    {
        var services = Map(Yaml(ComposeFiles.ComposeFile, 10000), "services");

        Assert.Equal(["127.0.0.1:12379:2379"], List(Map(services, "pd0"), "ports"));
        Assert.Equal(["127.0.0.1:12579:2379"], List(Map(services, "pd2"), "ports"));
        Assert.Equal(["127.0.0.1:30181:20180"], List(Map(services, "tikv1"), "ports"));
        Assert.Contains("--advertise-status-addr=127.0.0.1:30181", List(Map(services, "tikv1"), "command"));
        Assert.Contains("--status-addr=0.0.0.0:20180", List(Map(services, "tikv1"), "command"));
        Assert.Equal(["127.0.0.1:19090:9090"], List(Map(services, "prometheus"), "ports"));
        var prometheus = ComposeFiles.Render(ComposeFiles.PrometheusConfig, 10000);
        Assert.Contains("instance: \"127.0.0.1:30182\"", prometheus, StringComparison.Ordinal);
        Assert.Contains("targets: [\"tikv2:20180\"]", prometheus, StringComparison.Ordinal);
        Assert.Equal(ComposeFiles.Read(ComposeFiles.ComposeFile), ComposeFiles.Render(ComposeFiles.ComposeFile, 0));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(" ", 0)]
    [InlineData("10000", 10000)]
    public void Port_offset_is_a_whole_number_and_unset_means_none(string? text, int offset)
    {
        Assert.Equal(offset, ComposeEndpoints.ParseOffset(text));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("ten")]
    [InlineData("45001")]
    public void Bad_port_offset_is_one_line_naming_the_variable(string text)
    {
        var e = Assert.Throws<Operator.Core.OperatorException>(() => ComposeEndpoints.ParseOffset(text));
        Assert.StartsWith($"OPERATOR_TIKV_PORT_OFFSET='{text}' is not a port offset", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_file_name_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ComposeFiles.Read("grafana.ini"));
    }

    private static YamlMappingNode Yaml(string name, int portOffset = 0)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(ComposeFiles.Render(name, portOffset)));
        return (YamlMappingNode)Assert.Single(stream.Documents).RootNode;
    }

    private static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[new YamlScalarNode(key)];

    private static string Text(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    private static List<string> List(YamlMappingNode node, string key) =>
        ((YamlSequenceNode)node.Children[new YamlScalarNode(key)]).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();
}
