using Operator.Core.Diagnosis;
using Operator.Core.Observing;
using Operator.Etcd.Client;
using Operator.Etcd.Diagnosing;
using Operator.Etcd.Diagnosing.Rules;
using Operator.Etcd.Observing;
using Operator.Etcd.Tests.Local;
using Operator.Testing;
using Xunit.Abstractions;

namespace Operator.Etcd.Tests.Diagnosing;

[Collection(LocalEtcdCollection.Name)]
public sealed class RealClusterDiagnosisTests(ITestOutputHelper output) : IDisposable
{
    private const string LostStream = "lost TCP streaming connection with remote peer";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly EtcdClient _client = new();

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Killed_follower_is_diagnosed_as_crashed_citing_peers_lost_stream_lines()
    {
        await using var etcd = await EtcdTestCluster.StartAsync(3);
        await using var subject = new EtcdSubject(etcd.EndpointSource, _client, TimeProvider.System);
        var gatherer = EtcdContextGatherer.ForLocal(etcd.Cluster, subject);
        var victim = await FollowerAsync(subject);
        var killed = await etcd.Cluster.KillAsync(victim);
        var ticket = Given.Ticket("member_down", victim, $"{victim} is down") with { FirstSeenAt = killed.At, LastSeenAt = killed.At };

        DiagnosisContext? context = null;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                context = await gatherer.GatherAsync(ticket, [], CancellationToken.None);
                // On a loaded host the port of a process still being torn down can time out rather than refuse.
                return context.PeerLogs.Where(l => l.Message == LostStream).Select(l => l.Node).Distinct().Count() == 2
                    && context.Now.Nodes.Single(n => n.Name == victim).State == NodeState.Down;
            },
            Deadline,
            $"both peers log '{LostStream}' about {victim} and its port refuses");

        var diagnosis = await new RulesEngine(TimeProvider.System).DiagnoseAsync(context!, CancellationToken.None);
        output.WriteLine(DiagnosisJson.Serialize(diagnosis));

        Assert.Equal(ProcessState.Gone, context!.Process);
        Assert.Equal(EtcdCauses.ProcessCrashed, diagnosis.Cause);
        Assert.Equal(victim, diagnosis.Node);
        Assert.Contains($"pid {killed.Pid} is gone", diagnosis.PrimaryDiagnosis);
        Assert.Contains("refused connections", diagnosis.PrimaryDiagnosis);
        Assert.Contains($"logged '{LostStream}'", diagnosis.PrimaryDiagnosis);
        Assert.Contains($"./operator chaos restart {victim}", diagnosis.Commands);
        Assert.StartsWith("ruled out: ", Alternative(diagnosis, EtcdCauses.ProcessHung).Conclusion);
    }

    [Fact]
    public async Task Stopped_follower_is_diagnosed_as_hung_with_kill_cont()
    {
        await using var etcd = await EtcdTestCluster.StartAsync(3);
        await using var subject = new EtcdSubject(etcd.EndpointSource, _client, TimeProvider.System);
        var gatherer = EtcdContextGatherer.ForLocal(etcd.Cluster, subject);
        var victim = await FollowerAsync(subject);
        var paused = await etcd.Cluster.PauseAsync(victim);
        try
        {
            var ticket = Given.Ticket("member_unresponsive", victim, $"{victim} is paused") with { FirstSeenAt = paused.At, LastSeenAt = paused.At };

            DiagnosisContext? context = null;
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    context = await gatherer.GatherAsync(ticket, [], CancellationToken.None);
                    return context.PeerLogs.Any(l => l.Message == LostStream && l.Fields.GetValueOrDefault("error", string.Empty).Contains("timeout", StringComparison.Ordinal));
                },
                Deadline,
                $"a peer logs '{LostStream}' (i/o timeout) about {victim}");

            var diagnosis = await new RulesEngine(TimeProvider.System).DiagnoseAsync(context!, CancellationToken.None);
            output.WriteLine(DiagnosisJson.Serialize(diagnosis));

            Assert.Equal(ProcessState.Stopped, context!.Process);
            Assert.Equal(EtcdCauses.ProcessHung, diagnosis.Cause);
            Assert.Contains($"pid {paused.Pid} is alive but stopped", diagnosis.PrimaryDiagnosis);
            Assert.Contains($"kill -CONT {paused.Pid}", diagnosis.Commands);
            Assert.StartsWith("ruled out: ", Alternative(diagnosis, EtcdCauses.ProcessCrashed).Conclusion);
        }
        finally
        {
            await etcd.Cluster.ResumeAsync(victim);
        }
    }

    private static async Task<string> FollowerAsync(EtcdSubject subject)
    {
        var now = await subject.ObserveAsync(CancellationToken.None);
        var leader = now.Fact(EtcdReadings.Leader);
        return now.Nodes.First(n => n.Name != leader).Name;
    }

    private static Alternative Alternative(Diagnosis d, string cause) =>
        Assert.Single(d.Alternatives, a => a.Hypothesis.StartsWith(cause + ":", StringComparison.Ordinal));
}
