using System.Globalization;
using Operator.Core.Diagnosis.Rules;

namespace Operator.TiKV.Diagnosing.Rules;

/// <summary>The store's disk is slow: raft log commit/apply and async writes take long, its slow score climbs.</summary>
public sealed class SlowDiskHypothesis : ITikvHypothesis
{
    public string Cause => TikvCauses.SlowDisk;

    public string Title(TikvEvidence evidence) => $"{evidence.Node ?? "a store"}'s disk is slow";

    public HypothesisScore Evaluate(TikvEvidence e)
    {
        var sheet = new ScoreSheet();
        if (!e.IsStore)
        {
            return sheet.Against(0, $"{e.Node ?? "the ticket"} is not a TiKV store").Build();
        }

        var io = new[] { (Reading: TikvReadings.CommitP99Seconds, Name: "raft commit"), (Reading: TikvReadings.ApplyP99Seconds, Name: "raft apply"), (Reading: TikvReadings.WriteP99Seconds, Name: "async write") }
            .Select(x => (x.Name, Value: e.Metric(x.Reading)))
            .Where(x => x.Value is { } v && double.IsFinite(v))
            .Select(x => (x.Name, Value: x.Value!.Value))
            .ToList();
        var slowest = io.Count > 0 ? io.MaxBy(x => x.Value) : default;
        if (io.Count > 0 && slowest.Value >= 0.5)
        {
            sheet.For(0.45, "metric", $"{e.Node}'s p99 {slowest.Name} takes {TikvEvidence.Ms(slowest.Value)}");
        }
        else if (io.Count > 0 && slowest.Value >= 0.1)
        {
            sheet.For(0.3, "metric", $"{e.Node}'s p99 {slowest.Name} takes {TikvEvidence.Ms(slowest.Value)}");
        }
        else if (io.Count > 0 && slowest.Value < 0.02)
        {
            sheet.Against(0.3, $"{e.Node}'s raft IO is fast (p99 {slowest.Name} {TikvEvidence.Ms(slowest.Value)})");
        }

        if (e.Metric(TikvReadings.SlowScore) is { } score && score >= 80)
        {
            sheet.For(0.3, "pd", string.Create(CultureInfo.InvariantCulture, $"PD reports {e.Node}'s slow score at {score:0} (80 or more counts as slow)"));
        }

        var slowLog = e.Context.NodeLogs
            .Where(l => l.Message.Contains("async write too slow", StringComparison.Ordinal)
                || (l.Fields.TryGetValue("takes", out var t) && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 1000))
            .ToList();
        if (slowLog.Count > 0)
        {
            sheet.For(0.2, "log", $"{e.Node} logged {slowLog.Count.ToString(CultureInfo.InvariantCulture)} slow operation(s), e.g. '{slowLog[^1].Message}'{(slowLog[^1].Fields.TryGetValue("takes", out var took) ? $" takes {took} ms" : string.Empty)}", slowLog[^1].At);
        }

        if (e.Refused)
        {
            sheet.Against(0.3, $"{e.Node} does not run at all ({e.Error})");
        }

        return sheet.Build();
    }

    public Remedy Remedy(TikvEvidence e)
    {
        var id = e.Observed?.Metric(TikvReadings.StoreId) is { } sid ? sid.ToString("0", CultureInfo.InvariantCulture) : "<id>";
        return new Remedy(
            $"Move leaders off {e.Node ?? "the store"} so its slow disk stops delaying writes, then look at the disk itself (another process saturating it, a failing device, throttled cloud volume).",
            [
                $"curl -X POST http://<pd>/pd/api/v1/schedulers -d '{{\"name\":\"evict-leader-scheduler\",\"store_id\":{id}}}'",
                "iostat -x 1 5",
                $"curl -s http://<pd>/pd/api/v1/store/{id}",
            ],
            ["evicting leaders moves their load to the other stores", "PD's evict-slow-store-scheduler may already be moving leaders; check `GET /pd/api/v1/schedulers`"]);
    }
}
