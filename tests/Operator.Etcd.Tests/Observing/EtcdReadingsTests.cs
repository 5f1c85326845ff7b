using Operator.Core.Metrics;
using Operator.Core.Observing;
using Operator.Etcd.Client;
using Operator.Etcd.Observing;

namespace Operator.Etcd.Tests.Observing;

public sealed class EtcdReadingsTests
{
    private const ulong N1 = 18019771712233889772UL;
    private const ulong N2 = 16919994012759469789UL;
    private const ulong N3 = 15834420835810927699UL;

    private static readonly EtcdEndpoint Endpoint = new("n2", new Uri("http://127.0.0.1:23792"), new Uri("http://127.0.0.1:23812"), 4242);

    [Fact]
    public void Alarms_are_read_from_status_errors_once_each()
    {
        var alarms = EtcdNodeReadings.Alarms(["etcdserver: no leader", $"memberID:{N2} alarm:NOSPACE ", $"memberID:{N1} alarm:NOSPACE ", $"memberID:{N1} alarm:CORRUPT"]);

        Assert.Equal(["NOSPACE", "CORRUPT"], alarms);
    }

    [Fact]
    public void Status_under_nospace_gives_alarm_and_error_facts_and_no_leader_id_without_leader()
    {
        var status = new EtcdStatus
        {
            Header = new EtcdResponseHeader { MemberId = N2 },
            DbSize = 17_400_000,
            Errors = [$"memberID:{N2} alarm:NOSPACE ", $"memberID:{N1} alarm:NOSPACE "],
        };

        var node = Build(new EtcdResult<EtcdStatus>(status), Scrape("etcd_server_quota_backend_bytes 1.6777216e+07\n"), ProcessState.Running);

        Assert.Equal(NodeState.Up, node.State);
        Assert.Equal("NOSPACE", node.Fact(EtcdReadings.Alarms));
        Assert.Equal($"memberID:{N2} alarm:NOSPACE; memberID:{N1} alarm:NOSPACE", node.Fact(EtcdReadings.StatusErrors));
        Assert.Null(node.Fact(EtcdReadings.LeaderId));
        Assert.Equal(N2.ToString(System.Globalization.CultureInfo.InvariantCulture), node.Fact(EtcdReadings.MemberId));
        Assert.Equal(16777216, node.Metric(EtcdReadings.QuotaBytes));
        Assert.Equal(0, node.Metric(EtcdReadings.PeerSentFailures)); // absent series means no failure yet
        Assert.False(node.IsLeader);
    }

    [Theory]
    [InlineData(EtcdFailureKind.Refused, ProcessState.Unknown, NodeState.Down)]
    [InlineData(EtcdFailureKind.Refused, ProcessState.Running, NodeState.Down)]
    [InlineData(EtcdFailureKind.Timeout, ProcessState.Gone, NodeState.Down)]
    [InlineData(EtcdFailureKind.Timeout, ProcessState.Stopped, NodeState.Paused)]
    [InlineData(EtcdFailureKind.Timeout, ProcessState.Unknown, NodeState.Unresponsive)]
    [InlineData(EtcdFailureKind.Timeout, ProcessState.Running, NodeState.Unresponsive)]
    [InlineData(EtcdFailureKind.Garbage, ProcessState.Running, NodeState.Unresponsive)]
    [InlineData(EtcdFailureKind.HttpError, ProcessState.Unknown, NodeState.Unresponsive)]
    [InlineData(EtcdFailureKind.OtherTransport, ProcessState.Unknown, NodeState.Unresponsive)]
    public void Failed_status_maps_to_state_by_failure_and_process(EtcdFailureKind kind, ProcessState process, NodeState expected)
    {
        var failure = new EtcdFailure(kind, "get status from http://127.0.0.1:23792", "what happened");

        var node = Build(new EtcdResult<EtcdStatus>(failure), new EtcdResult<MetricScrape>(failure), process);

        Assert.Equal(expected, node.State);
        Assert.StartsWith("get status from http://127.0.0.1:23792: what happened", node.Error, StringComparison.Ordinal);
        Assert.Null(node.Fact(EtcdReadings.MetricsError));
    }

    [Fact]
    public void Metrics_failure_while_status_works_is_a_fact_not_a_state()
    {
        var status = new EtcdStatus { Header = new EtcdResponseHeader { MemberId = N2 }, Leader = N2 };
        var failure = new EtcdFailure(EtcdFailureKind.Timeout, "get metrics from http://127.0.0.1:23812", "no answer within 300 ms");

        var node = Build(new EtcdResult<EtcdStatus>(status), new EtcdResult<MetricScrape>(failure), ProcessState.Running);

        Assert.Equal(NodeState.Up, node.State);
        Assert.True(node.IsLeader);
        Assert.Null(node.Error);
        Assert.Equal("get metrics from http://127.0.0.1:23812: no answer within 300 ms", node.Fact(EtcdReadings.MetricsError));
        Assert.Null(node.Metric(EtcdReadings.PeerSentFailures));
    }

    [Fact]
    public void Leader_is_the_node_name_a_majority_of_up_members_report()
    {
        EtcdEndpoint[] endpoints = [Ep("n1", 23791), Ep("n2", 23792), Ep("n3", 23793)];
        var members = new EtcdMemberList
        {
            Members =
            [
                new EtcdMember { Id = 7, PeerUrls = ["http://127.0.0.1:23804"] },
                new EtcdMember { Id = N3, Name = "m3", ClientUrls = ["http://127.0.0.1:23793"] },
                new EtcdMember { Id = N2, Name = "m2", ClientUrls = ["http://127.0.0.1:23792/"] },
                new EtcdMember { Id = N1, Name = "m1", ClientUrls = ["http://127.0.0.1:23791"] },
            ],
        };
        NodeObservation[] nodes = [Up("n1", N1, leader: N2), Up("n2", N2, leader: N2), Down("n3")];

        var facts = EtcdClusterFacts.Build(endpoints, nodes, members);

        Assert.Equal("n2", facts[EtcdReadings.Leader]);
        Assert.Equal("4", facts[EtcdReadings.MemberCount]);
        Assert.Equal("n1,n2,n3,7", facts[EtcdReadings.Members]); // an unstarted member has no name: its hex id
    }

    [Fact]
    public void Split_or_absent_leader_reports_gives_no_leader_fact_and_endpoints_stand_in_for_the_member_list()
    {
        EtcdEndpoint[] endpoints = [Ep("n1", 23791), Ep("n2", 23792)];

        var split = EtcdClusterFacts.Build(endpoints, [Up("n1", N1, leader: N1), Up("n2", N2, leader: N2)], null);
        var none = EtcdClusterFacts.Build(endpoints, [Up("n1", N1, leader: 0), Down("n2")], null);

        Assert.False(split.ContainsKey(EtcdReadings.Leader));
        Assert.False(none.ContainsKey(EtcdReadings.Leader));
        Assert.Equal("2", none[EtcdReadings.MemberCount]);
        Assert.Equal("n1,n2", none[EtcdReadings.Members]);
    }

    private static NodeObservation Build(EtcdResult<EtcdStatus> status, EtcdResult<MetricScrape> metrics, ProcessState process) =>
        EtcdNodeReadings.Build(new EtcdStatusProbe(Endpoint, status, TimeSpan.FromMilliseconds(2)), metrics, process);

    private static EtcdResult<MetricScrape> Scrape(string text) => new(PrometheusTextParser.Parse(text));

    private static EtcdEndpoint Ep(string name, int port) => new(name, new Uri($"http://127.0.0.1:{port}"), new Uri($"http://127.0.0.1:{port + 20}"), null);

    private static NodeObservation Up(string name, ulong id, ulong leader)
    {
        var status = new EtcdStatus { Header = new EtcdResponseHeader { MemberId = id }, Leader = leader };
        var endpoint = Ep(name, 1);
        return EtcdNodeReadings.Build(new EtcdStatusProbe(endpoint, new EtcdResult<EtcdStatus>(status), TimeSpan.Zero), new EtcdResult<MetricScrape>(MetricScrape.Empty), ProcessState.Unknown);
    }

    private static NodeObservation Down(string name)
    {
        var failure = new EtcdFailure(EtcdFailureKind.Refused, $"get status from {name}", "connection refused");
        var endpoint = Ep(name, 1);
        return EtcdNodeReadings.Build(new EtcdStatusProbe(endpoint, new EtcdResult<EtcdStatus>(failure), TimeSpan.Zero), new EtcdResult<MetricScrape>(failure), ProcessState.Unknown);
    }
}
