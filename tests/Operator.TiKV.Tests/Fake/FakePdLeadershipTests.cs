using Operator.FakeTikv;
using Operator.FakeTikv.Tikv;

namespace Operator.TiKV.Tests.Fake;

/// <summary>Followers proxy to the leader; without a leader they answer 503 plain text; members die and come back like processes.</summary>
public sealed class FakePdLeadershipTests
{
    private const string NoLeaderBody = "[PD:apiutil:ErrRedirectNoLeader]redirect finds no leader\n";

    [Fact]
    public async Task Every_member_answers_cluster_requests_like_the_leader()
    {
        var clock = new ManualClock();
        await using var cluster = FakeTikvCluster.Start(time: clock);
        using var http = new FakeHttp();

        var answers = new List<string>();
        foreach (var url in cluster.PdUrls)
        {
            answers.Add((await http.GetAsync(url + "/pd/api/v1/stores")).Body);
        }

        Assert.Single(answers.Distinct());
        Assert.False(cluster.PdMembers[0].IsLeader);
        Assert.True(cluster.PdMembers[1].IsLeader);
    }

    [Fact]
    public async Task Without_a_leader_followers_answer_503_plain_text_but_health_and_ping_still_work()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();

        cluster.Pd.RemoveLeader();

        foreach (var url in cluster.PdUrls)
        {
            foreach (var path in new[] { "/stores", "/members", "/leader", "/regions/count", "/regions/check/miss-peer", "/cluster" })
            {
                var reply = await http.GetAsync(url + "/pd/api/v1" + path);
                Assert.Equal((503, "text/plain; charset=utf-8", NoLeaderBody), (reply.Status, reply.ContentType, reply.Body));
            }

            Assert.Equal(200, (await http.GetAsync(url + "/pd/api/v1/health")).Status);
            Assert.Equal(200, (await http.GetAsync(url + "/pd/api/v1/ping")).Status);
        }

        cluster.Pd.ElectLeader("pd2");
        var members = await http.GetJsonAsync(cluster.PdUrls[0] + "/pd/api/v1/members");
        Assert.Equal("pd2", members.GetProperty("leader").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Killing_the_leader_elects_a_survivor_and_its_port_refuses_connections()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        var leader = cluster.Pd.Leader!;

        leader.Kill();

        Assert.True(await http.IsRefusedAsync(leader.ClientUrl + "/pd/api/v1/ping"));
        var members = await http.GetJsonAsync(cluster.PdUrls[0] + "/pd/api/v1/members");
        Assert.Equal("pd0", members.GetProperty("leader").GetProperty("name").GetString());
        var health = await http.GetJsonAsync(cluster.PdUrls[2] + "/pd/api/v1/health");
        Assert.Equal([true, false, true], health.EnumerateArray().Select(h => h.GetProperty("health").GetBoolean()));
    }

    [Fact]
    public async Task Losing_the_majority_leaves_no_leader_until_a_member_restarts_on_its_port()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var http = new FakeHttp();
        var pd0 = cluster.Pd["pd0"];
        var port = pd0.Port;

        pd0.Kill();
        cluster.Pd["pd1"].Kill();

        Assert.Null(cluster.Pd.Leader);
        var reply = await http.GetAsync(cluster.PdUrls[2] + "/pd/api/v1/stores");
        Assert.Equal((503, NoLeaderBody), (reply.Status, reply.Body));
        Assert.Throws<InvalidOperationException>(() => cluster.Pd.ElectLeader("pd2"));

        pd0.Restart();

        Assert.Equal(port, pd0.Port);
        Assert.Equal(ProcessState.Running, pd0.Process);
        Assert.Equal(200, (await http.GetAsync(pd0.ClientUrl + "/pd/api/v1/stores")).Status);
        Assert.NotNull(cluster.Pd.Leader);
    }

    [Fact]
    public async Task A_hung_member_accepts_connections_but_never_answers()
    {
        await using var cluster = FakeTikvCluster.Start();
        using var impatient = new FakeHttp(TimeSpan.FromMilliseconds(300));

        cluster.Pd["pd0"].Hang();

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync(cluster.PdUrls[0] + "/pd/api/v1/ping"));
        Assert.Equal(200, (await impatient.GetAsync(cluster.PdUrls[1] + "/pd/api/v1/ping")).Status);
    }
}
