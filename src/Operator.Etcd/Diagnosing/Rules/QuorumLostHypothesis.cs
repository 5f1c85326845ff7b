using System.Globalization;
using Operator.Core.Diagnosis.Rules;
using Operator.Core.Observing;

namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>Fewer than a majority of members are up, so no leader can be elected and writes cannot commit.</summary>
public sealed class QuorumLostHypothesis : IEtcdHypothesis
{
    public string Cause => EtcdCauses.QuorumLost;

    public string Title(EtcdEvidence evidence) => "the cluster lost quorum";

    public HypothesisScore Evaluate(EtcdEvidence e)
    {
        var sheet = new ScoreSheet();
        if (e.Total == 0)
        {
            sheet.Against(0, "no members were observed");
            return sheet.Build();
        }

        var upText = $"{e.Up.Count.ToString(CultureInfo.InvariantCulture)} of {e.Total.ToString(CultureInfo.InvariantCulture)} members up ({EtcdEvidence.Names(e.Up)}); {e.Majority.ToString(CultureInfo.InvariantCulture)} are needed";
        if (e.Up.Count < e.Majority)
        {
            sheet.For(0.6, "probe", $"only {upText}");
        }
        else
        {
            sheet.Against(0.5, $"{upText}: quorum holds");
        }

        var stepped = e.AnyLines("stepped down to follower since quorum is not active");
        if (stepped.Count > 0)
        {
            sheet.For(0.25, "log", EtcdEvidence.Logged(stepped, "stepped down to follower since quorum is not active"), EtcdEvidence.First(stepped));
        }

        var leaderless = e.Context.Now.Nodes.Where(n => n.IsUp && (n.Metric(EtcdReadings.HasLeader) == 0 || n.Fact(EtcdReadings.LeaderId) is null)).Select(n => n.Name).ToList();
        if (leaderless.Count > 0 && e.Context.Now.Fact(EtcdReadings.Leader) is null)
        {
            sheet.For(0.1, "probe", $"{EtcdEvidence.Names(leaderless)} know no leader");
        }

        var down = e.NotUp.Where(n => n.Process is ProcessState.Gone or ProcessState.Stopped || n.State == NodeState.Down).Select(n => n.Name).ToList();
        if (down.Count > 0 && e.Up.Count < e.Majority)
        {
            sheet.For(0.05, "process", $"{EtcdEvidence.Names(down)} are down or stopped");
        }

        return sheet.Build();
    }

    public Remedy Remedy(EtcdEvidence e)
    {
        var commands = new List<string>();
        foreach (var n in e.NotUp)
        {
            commands.Add(n.Process == ProcessState.Stopped && n.Pid is { } pid
                ? $"kill -CONT {pid.ToString(CultureInfo.InvariantCulture)}"
                : $"./operator chaos restart {n.Name}");
        }

        commands.Add("./operator cluster status");
        return new Remedy(
            $"Bring back enough members to reach a majority ({e.Majority.ToString(CultureInfo.InvariantCulture)} of {e.Total.ToString(CultureInfo.InvariantCulture)}): restart killed members with their existing data dirs, resume stopped ones. One more member is enough; a leader is elected within about a second.",
            commands,
            [
                "never wipe a data dir or start a member with --initial-cluster-state new to 'fix' quorum: that loses data and fails to rejoin",
                "until has_leader is 1, writes, linearizable reads and alarm GET hang for 7 s and fail; only serializable (stale) reads work",
            ]);
    }
}
