using System.Globalization;
using Operator.Core.Diagnosis.Rules;

namespace Operator.TiKV.Diagnosing.Rules;

/// <summary>One store takes far more requests than the others (a hot region or skewed keys): it is busy, not broken.</summary>
public sealed class HotRegionHypothesis : ITikvHypothesis
{
    public string Cause => TikvCauses.HotRegion;

    public string Title(TikvEvidence evidence) => $"{evidence.Node ?? "a store"} serves a hot region";

    public HypothesisScore Evaluate(TikvEvidence e)
    {
        var sheet = new ScoreSheet();
        if (!e.IsStore)
        {
            return sheet.Against(0, $"{e.Node ?? "the ticket"} is not a TiKV store").Build();
        }

        if (e.Metric(TikvReadings.Qps) is { } qps && e.OthersMean(TikvReadings.Qps) is { } mean)
        {
            if (mean > 0 && qps >= 2 * mean)
            {
                sheet.For(0.35, "metric", string.Create(CultureInfo.InvariantCulture, $"{e.Node} serves {qps:0} requests/s against {mean:0} on the other stores ({qps / mean:0.0}×)"));
            }
            else if (mean > 0 && qps <= 1.5 * mean)
            {
                sheet.Against(0.3, string.Create(CultureInfo.InvariantCulture, $"{e.Node}'s {qps:0} requests/s is in line with the other stores ({mean:0})"));
            }
        }
        else
        {
            sheet.Against(0, "no request-rate readings to compare stores");
        }

        if (e.Metric(TikvReadings.CpuCores) is { } cpu && e.OthersMean(TikvReadings.CpuCores) is { } cpuMean && cpu >= 1.5 * Math.Max(cpuMean, 0.05))
        {
            sheet.For(0.15, "metric", string.Create(CultureInfo.InvariantCulture, $"{e.Node} uses {cpu:0.00} cores against {cpuMean:0.00} elsewhere"));
        }

        if (e.Metric(TikvReadings.GrpcP99Seconds) is { } p99 && p99 >= 0.1
            && (e.Metric(TikvReadings.CommitP99Seconds) ?? 0) < 0.05 && (e.Metric(TikvReadings.ApplyP99Seconds) ?? 0) < 0.05)
        {
            sheet.For(0.15, "metric", $"its p99 gRPC latency is {TikvEvidence.Ms(p99)} while raft IO stays fast: requests queue, the disk keeps up");
        }

        if (e.Refused || e.PdSaysAbnormal)
        {
            sheet.Against(0.3, $"{e.Node} is not serving ({e.Error ?? $"PD says {e.PdState}"})");
        }

        return sheet.Build();
    }

    public Remedy Remedy(TikvEvidence e) => new(
        $"Find the hot region on {e.Node ?? "the store"} and spread it: PD's hot-region scheduler moves leaders on its own; a single hot key range can be split so its halves land on different stores. Check the workload for a skewed key.",
        [
            "curl -s http://<pd>/pd/api/v1/hotspot/regions/write",
            "curl -s http://<pd>/pd/api/v1/hotspot/regions/read",
            "curl -X POST http://<pd>/pd/api/v1/operators -d '{\"name\":\"split-region\",\"region_id\":<id>,\"policy\":\"approximate\"}'",
        ],
        ["splitting and scattering regions costs a little extra raft traffic while it happens", "a hot single key cannot be split: fix the access pattern"]);
}
