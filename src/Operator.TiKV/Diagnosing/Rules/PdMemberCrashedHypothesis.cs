using Operator.Core.Diagnosis.Rules;

namespace Operator.TiKV.Diagnosing.Rules;

/// <summary>A PD member's process is gone or hung: its ping is refused or unanswered.</summary>
public sealed class PdMemberCrashedHypothesis : ITikvHypothesis
{
    public string Cause => TikvCauses.PdMemberCrashed;

    public string Title(TikvEvidence evidence) => $"PD member {evidence.Node ?? "?"} is not running";

    public HypothesisScore Evaluate(TikvEvidence e)
    {
        var sheet = new ScoreSheet();
        if (!e.IsPdMember)
        {
            return sheet.Against(0, $"{e.Node ?? "the ticket"} is not a PD member").Build();
        }

        if (e.Refused)
        {
            sheet.For(0.6, "probe", $"{e.Node}'s client port refused the ping ({e.Error}): nothing listens there");
        }
        else if (e.TimedOut)
        {
            sheet.For(0.35, "probe", $"{e.Node} accepted the connection but did not answer the ping ({e.Error}): hung or overloaded");
        }

        var up = e.PdMembers.Count(m => m.IsUp);
        if (e.PdMembers.Count > 0)
        {
            sheet.For(0.05, "probe", $"{up} of {e.PdMembers.Count} PD members answer");
        }

        if (e.AnswersNow)
        {
            sheet.Against(0.5, $"{e.Node} answers its ping now");
        }

        return sheet.Build();
    }

    public Remedy Remedy(TikvEvidence e) => new(
        $"Start PD member {e.Node ?? "?"} again with its data dir; it rejoins the PD raft group. If its host is gone, remove the member (`member delete`) and add a new one.",
        [$"./operator chaos restart {e.Node ?? "<pd member>"} --subject tikv", "curl -s http://<pd>/pd/api/v1/health", "curl -s http://<pd>/pd/api/v1/members"],
        ["with two of three PD members the cluster still works, but one more failure stops TSO and scheduling", "never start a PD member with a fresh data dir under its old name"]);
}
