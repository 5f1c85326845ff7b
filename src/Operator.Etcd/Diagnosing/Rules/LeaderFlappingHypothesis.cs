using System.Globalization;

using Operator.Core.Diagnosis.Rules;

namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>Leadership keeps moving: many leader changes in a short time, elections in the logs.</summary>
public sealed class LeaderFlappingHypothesis : IEtcdHypothesis
{
    public string Cause => EtcdCauses.LeaderFlapping;

    public string Title(EtcdEvidence evidence) => "leadership keeps changing (leader flapping)";

    public HypothesisScore Evaluate(EtcdEvidence e)
    {
        var sheet = new ScoreSheet();
        if (e.SnapshotLeaderChanges >= 3)
        {
            sheet.For(0.45, "ticket", $"the monitor saw {e.SnapshotLeaderChanges.ToString(CultureInfo.InvariantCulture)} leader changes within its window");
        }
        else if (e.SnapshotLeaderChanges > 0)
        {
            sheet.For(0.15, "ticket", $"the monitor saw {e.SnapshotLeaderChanges.ToString(CultureInfo.InvariantCulture)} leader change(s)");
        }

        var elected = e.AllLogs
            .Where(l => l.Message.Contains(" elected leader ", StringComparison.Ordinal) || l.Message.Contains(" became leader at term ", StringComparison.Ordinal))
            .ToList();
        var elections = elected.Select(l => l.Message[(l.Message.LastIndexOf(" at term ", StringComparison.Ordinal) + 1)..]).Distinct(StringComparer.Ordinal).Count();
        if (elections >= 3)
        {
            sheet.For(0.3, "log", $"{EtcdEvidence.Names(elected.Select(l => l.Node))} logged leader elections for {elections.ToString(CultureInfo.InvariantCulture)} different terms", EtcdEvidence.First(elected));
        }

        if (e.Highest(EtcdReadings.LeaderChangesSeen) is { } seen)
        {
            var text = $"{seen.Node} has seen {seen.Value.ToString("0", CultureInfo.InvariantCulture)} leader change(s) since it started";
            if (seen.Value >= 4)
            {
                sheet.For(0.15, "metric", text);
            }
            else
            {
                sheet.Against(0.1, text);
            }
        }

        if (e.Up.Count < e.Majority)
        {
            sheet.Against(0.3, $"only {e.Up.Count.ToString(CultureInfo.InvariantCulture)} of {e.Total.ToString(CultureInfo.InvariantCulture)} members are up: repeated elections are a symptom of lost quorum");
        }

        if (e.SnapshotLeaderChanges == 0 && elections < 3)
        {
            sheet.Against(0, "no repeated leader changes were seen");
        }

        return sheet.Build();
    }

    public Remedy Remedy(EtcdEvidence e) => new(
        "Find why heartbeats arrive late: check disk fsync latency, CPU starvation and network latency between members. Leadership settles once heartbeats are on time; tune --heartbeat-interval/--election-timeout only to match a slow network.",
        [.. e.Context.Now.Nodes.Where(n => n.IsUp).Select(n => $"curl -s {n.Address}/metrics | grep -E 'etcd_server_leader_changes_seen_total|etcd_disk_wal_fsync_duration_seconds_sum'"), "./operator cluster status"],
        [
            "every leader change stalls writes for about a second and fails in-flight requests",
            "longer election timeouts reduce flapping but slow the detection of a dead leader",
        ]);
}
