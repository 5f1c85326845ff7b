using System.Globalization;
using Operator.Core.Diagnosis.Rules;

namespace Operator.TiKV.Diagnosing.Rules;

/// <summary>Fewer than a majority of PD members run, so PD cannot elect a leader: TSO and routing stop.</summary>
public sealed class PdQuorumLostHypothesis : ITikvHypothesis
{
    public string Cause => TikvCauses.PdQuorumLost;

    public string Title(TikvEvidence evidence) => "PD lost its quorum";

    public HypothesisScore Evaluate(TikvEvidence e)
    {
        var sheet = new ScoreSheet();
        var total = e.PdMembers.Count;
        if (total == 0)
        {
            return sheet.Against(0, "no PD members were observed").Build();
        }

        var up = e.PdMembers.Where(m => m.IsUp).Select(m => m.Name).ToList();
        var majority = (total / 2) + 1;
        var text = string.Create(CultureInfo.InvariantCulture, $"{up.Count} of {total} PD members answer ({TikvEvidence.Names(up)}); {majority} are needed");
        if (up.Count < majority)
        {
            sheet.For(0.6, "probe", $"only {text}");
        }
        else
        {
            sheet.Against(0.5, $"{text}: quorum holds");
        }

        if (e.Context.Now.Fact(TikvReadings.PdLeader) is null)
        {
            sheet.For(0.1, "probe", "no PD member reports a leader");
        }

        return sheet.Build();
    }

    public Remedy Remedy(TikvEvidence e) => new(
        "Bring PD members back until a majority runs (restart them with their data dirs); a leader is elected within seconds and TiKV reconnects by itself.",
        [.. e.PdMembers.Where(m => !m.IsUp).Select(m => $"./operator chaos restart {m.Name} --subject tikv"), "curl -s http://<pd>/pd/api/v1/health"],
        ["until PD has a leader no transaction can get a timestamp", "do not recreate PD members with empty data dirs: the cluster id would change"]);
}
