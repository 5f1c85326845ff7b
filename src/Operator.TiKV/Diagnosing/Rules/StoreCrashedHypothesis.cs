using System.Globalization;
using Operator.Core.Diagnosis.Rules;

namespace Operator.TiKV.Diagnosing.Rules;

/// <summary>The store's TiKV process died: nothing listens on its status port, peers lost their raft connections to it.</summary>
public sealed class StoreCrashedHypothesis : ITikvHypothesis
{
    public string Cause => TikvCauses.StoreCrashed;

    public string Title(TikvEvidence evidence) => $"{evidence.Node ?? "a store"}'s TiKV process is gone";

    public HypothesisScore Evaluate(TikvEvidence e)
    {
        var sheet = new ScoreSheet();
        if (!e.IsStore)
        {
            return sheet.Against(0, $"{e.Node ?? "the ticket"} is not a TiKV store").Build();
        }

        if (e.Refused)
        {
            sheet.For(0.6, "probe", $"{e.Node}'s status port refused connections ({e.Error}): nothing listens there");
        }
        else if (e.TimedOut)
        {
            sheet.Against(0.25, $"{e.Node}'s status port accepted the connection but did not answer ({e.Error}): the process is alive");
        }

        var aborted = e.PeerLines("connection aborted", "connection abort", "wait connect timeout", "broadcasting unreachable");
        if (aborted.Count > 0)
        {
            sheet.For(0.2, "log", TikvEvidence.Logged(aborted), TikvEvidence.First(aborted));
        }

        var fatal = e.Context.NodeLogs.Where(l => l.Level.Equals("fatal", StringComparison.OrdinalIgnoreCase) || l.Message.Contains("panic", StringComparison.OrdinalIgnoreCase)).ToList();
        if (fatal.Count > 0)
        {
            sheet.For(0.2, "log", $"{e.Node} itself logged '{fatal[^1].Message}' before it stopped", fatal[^1].At);
        }

        if (e.PdSaysAbnormal)
        {
            var age = e.Metric(TikvReadings.HeartbeatAgeSeconds) is { } a ? string.Create(CultureInfo.InvariantCulture, $" (last heartbeat {a:0} s ago)") : string.Empty;
            sheet.For(0.1, "pd", $"PD says {e.PdState}{age}");
        }

        if (e.AnswersNow)
        {
            sheet.Against(0.5, $"{e.Node} answers its status port now");
        }

        return sheet.Build();
    }

    public Remedy Remedy(TikvEvidence e)
    {
        var node = e.Node ?? "the store";
        var id = e.Observed?.Metric(TikvReadings.StoreId) is { } sid ? sid.ToString("0", CultureInfo.InvariantCulture) : "<id>";
        return new Remedy(
            $"Start {node}'s TiKV process again with the same data dir and flags; it rejoins, catches up its regions and PD marks it Up at the next heartbeat. If the host is gone for good, add a new store first and then remove this one (`store delete`), so its replicas have somewhere to go.",
            [$"./operator chaos restart {node} --subject tikv", $"curl -s http://<pd>/pd/api/v1/store/{id}", "./operator cluster status --subject tikv"],
            [
                "until it is back, its regions run on two replicas: a second store failure loses quorum for them",
                "PD starts re-creating its replicas elsewhere only after max-store-down-time (30 min); with three stores there is nowhere to put them",
                "do not delete its data dir to 'start clean': that turns a restart into a full re-replication",
            ]);
    }
}
