using Operator.Core.Diagnosis.Rules;

namespace Operator.TiKV.Diagnosing.Rules;

/// <summary>The store's disk is (nearly) full: PD stops scheduling onto it at 80 %, TiKV refuses writes when it runs out.</summary>
public sealed class DiskFullHypothesis : ITikvHypothesis
{
    public string Cause => TikvCauses.DiskFull;

    public string Title(TikvEvidence evidence) => $"{evidence.Node ?? "a store"}'s disk is running out of space";

    public HypothesisScore Evaluate(TikvEvidence e)
    {
        var sheet = new ScoreSheet();
        if (!e.IsStore)
        {
            return sheet.Against(0, $"{e.Node ?? "the ticket"} is not a TiKV store").Build();
        }

        switch (e.Metric(TikvReadings.DiskUsedRatio))
        {
            case { } r when r >= 0.9:
                sheet.For(0.65, "metric", $"{e.Node}'s disk is {TikvEvidence.Percent(r)} used (1 − available/capacity)");
                break;
            case { } r when r >= 0.8:
                sheet.For(0.5, "metric", $"{e.Node}'s disk is {TikvEvidence.Percent(r)} used, past PD's low-space line (80 %)");
                break;
            case { } r when r >= 0.7:
                sheet.For(0.35, "metric", $"{e.Node}'s disk is {TikvEvidence.Percent(r)} used");
                break;
            case { } r when r < 0.5:
                sheet.Against(0.3, $"{e.Node}'s disk is only {TikvEvidence.Percent(r)} used");
                break;
            case null:
                sheet.Against(0, $"no disk reading for {e.Node}");
                break;
        }

        var noSpace = e.NodeLines("No space left", "no space left", "disk full", "ENOSPC");
        if (noSpace.Count > 0)
        {
            sheet.For(0.3, "log", TikvEvidence.Logged(noSpace), TikvEvidence.First(noSpace));
        }

        return sheet.Build();
    }

    public Remedy Remedy(TikvEvidence e)
    {
        var id = e.Observed?.Metric(TikvReadings.StoreId) is { } sid ? sid.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "<id>";
        return new Remedy(
            $"Give {e.Node ?? "the store"} room: grow or clean its disk, or add a store so PD can move regions off it. Meanwhile move its leaders away so it serves fewer writes.",
            [
                $"curl -X POST http://<pd>/pd/api/v1/schedulers -d '{{\"name\":\"evict-leader-scheduler\",\"store_id\":{id}}}'",
                $"curl -s http://<pd>/pd/api/v1/store/{id}",
                "df -h <tikv data dir>",
            ],
            [
                "deleting files inside the TiKV data dir by hand corrupts the store",
                "evicting leaders shifts load to the other stores; check they have headroom first",
            ]);
    }
}
