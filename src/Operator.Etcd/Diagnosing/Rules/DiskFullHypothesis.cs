using System.Globalization;

using Operator.Core.Diagnosis.Rules;

namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>The backend reached its quota: NOSPACE alarm raised, db size at or over quota, writes rejected.</summary>
public sealed class DiskFullHypothesis : IEtcdHypothesis
{
    public string Cause => EtcdCauses.DiskFull;

    public string Title(EtcdEvidence evidence) => "the etcd backend is full (NOSPACE)";

    public HypothesisScore Evaluate(EtcdEvidence e)
    {
        var sheet = new ScoreSheet();
        var nospace = e.Alarms().Where(a => a.Alarm == "NOSPACE").Select(a => a.Node).ToList();
        if (nospace.Count > 0)
        {
            sheet.For(0.6, "probe", $"{EtcdEvidence.Names(nospace)} report alarm NOSPACE");
        }
        else
        {
            sheet.Against(0, "no member reports a NOSPACE alarm");
        }

        var full = e.Context.Now.Nodes.Where(n => n.IsUp)
            .Select(n => (n.Name, Size: n.Metric(EtcdReadings.DbSizeBytes), Quota: n.Metric(EtcdReadings.QuotaBytes)))
            .Where(x => x.Size is not null && x.Quota is > 0)
            .Select(x => (x.Name, Size: x.Size!.Value, Quota: x.Quota!.Value))
            .OrderByDescending(x => x.Size / x.Quota)
            .ToList();
        if (full.Count > 0)
        {
            var worst = full[0];
            var ratio = worst.Size / worst.Quota;
            var text = $"{worst.Name} db size {EtcdEvidence.MiB(worst.Size)} is {(ratio * 100).ToString("0", CultureInfo.InvariantCulture)}% of its {EtcdEvidence.MiB(worst.Quota)} quota";
            if (ratio >= 1)
            {
                sheet.For(0.3, "metric", text);
            }
            else if (ratio >= 0.95)
            {
                sheet.For(0.15, "metric", text);
            }
            else
            {
                sheet.Against(0.1, text);
            }
        }

        var logged = e.AnyLines("message exceeded backend quota")
            .Concat(e.AnyLines("alarm raised").Where(l => l.Fields.GetValueOrDefault("alarm") == "NOSPACE"))
            .Concat(e.AllLogs.Where(l => l.Message.Contains("alarm:NOSPACE", StringComparison.Ordinal)))
            .ToList();
        if (logged.Count > 0)
        {
            sheet.For(0.2, "log", EtcdEvidence.Logged(logged, logged[0].Message), EtcdEvidence.First(logged));
        }

        return sheet.Build();
    }

    public Remedy Remedy(EtcdEvidence e)
    {
        var up = e.Context.Now.Nodes.Where(n => n.IsUp).ToList();
        var first = up.FirstOrDefault()?.Address ?? "http://127.0.0.1:2379";
        var commands = new List<string>
        {
            $"curl -s -X POST {first}/v3/maintenance/alarm -d '{{\"action\":\"GET\"}}'",
            $"curl -s -X POST {first}/v3/kv/range -d '{{\"key\":\"AA==\",\"count_only\":true}}'   # header.revision",
            $"curl -s -X POST {first}/v3/kv/compaction -d '{{\"revision\":\"<revision>\",\"physical\":true}}'",
        };
        commands.AddRange(up.Select(n => $"curl -s -X POST {n.Address}/v3/maintenance/defragment -d '{{}}'"));
        commands.AddRange(up.Where(n => n.Fact(EtcdReadings.MemberId) is not null)
            .Select(n => $"curl -s -X POST {first}/v3/maintenance/alarm -d '{{\"action\":\"DEACTIVATE\",\"memberID\":\"{n.Fact(EtcdReadings.MemberId)}\",\"alarm\":\"NOSPACE\"}}'"));
        return new Remedy(
            "Reclaim space, then disarm: delete the data that filled the quota (deleterange is allowed under NOSPACE), compact to the current revision, defragment every member, check each dbSize is below the quota, then DEACTIVATE every NOSPACE alarm.",
            commands,
            [
                "disarming before reclaiming space only lets the next put raise the alarm again",
                "compaction and defrag without deleting live data shrink the file a little and it fills right back up",
                "defragment blocks the member it runs on for its duration; run it one member at a time",
            ]);
    }
}
