using System.Globalization;
using Operator.Core.Diagnosis.Rules;

namespace Operator.TiKV.Diagnosing.Rules;

/// <summary>The store runs but cannot talk to PD or its peers: PD stops hearing its heartbeats while the process lives.</summary>
public sealed class NetworkIsolatedHypothesis : ITikvHypothesis
{
    public string Cause => TikvCauses.NetworkIsolated;

    public string Title(TikvEvidence evidence) => $"{evidence.Node ?? "a store"} is cut off from PD and its peers";

    public HypothesisScore Evaluate(TikvEvidence e)
    {
        var sheet = new ScoreSheet();
        if (!e.IsStore)
        {
            return sheet.Against(0, $"{e.Node ?? "the ticket"} is not a TiKV store").Build();
        }

        var age = e.Metric(TikvReadings.HeartbeatAgeSeconds);
        if (e.PdSaysAbnormal && e.AnswersNow)
        {
            var since = age is { } a ? string.Create(CultureInfo.InvariantCulture, $", last heartbeat {a:0} s ago") : string.Empty;
            sheet.For(0.5, "pd", $"{e.Node}'s status server answers, yet PD says {e.PdState}{since}: the process runs but its heartbeats do not reach PD");
        }
        else if (e.PdSaysAbnormal)
        {
            sheet.For(0.15, "pd", $"PD says {e.PdState}");
        }

        if (e.TimedOut)
        {
            sheet.For(0.15, "probe", $"{e.Node}'s status port did not answer in time ({e.Error}) rather than refusing: packets may be dropped");
        }
        else if (e.Refused)
        {
            sheet.Against(0.4, $"{e.Node}'s status port refused connections ({e.Error}): nothing listens, a dead process rather than a cut network");
        }

        var toPd = e.NodeLines("store heartbeat failed", "failed to send heartbeat", "connect pd failed", "reconnect failed", "connect failed");
        if (toPd.Count > 0)
        {
            sheet.For(0.2, "log", TikvEvidence.Logged(toPd), TikvEvidence.First(toPd));
        }

        var toPeers = e.NodeLines("wait connect timeout", "connection abort", "resolve store address failed");
        if (toPeers.Count > 0)
        {
            sheet.For(0.1, "log", TikvEvidence.Logged(toPeers), TikvEvidence.First(toPeers));
        }

        var timeouts = e.PeerLines("wait connect timeout");
        if (timeouts.Count > 0)
        {
            sheet.For(0.1, "log", TikvEvidence.Logged(timeouts), TikvEvidence.First(timeouts));
        }

        if (!e.PdSaysAbnormal && age is < 20)
        {
            sheet.Against(0.3, string.Create(CultureInfo.InvariantCulture, $"PD heard from {e.Node} {age:0} s ago"));
        }

        return sheet.Build();
    }

    public Remedy Remedy(TikvEvidence e)
    {
        var address = e.Observed?.Fact(TikvReadings.Address) ?? "the store's address";
        return new Remedy(
            $"Restore connectivity between {e.Node ?? "the store"} ({address}) and PD and the other stores: check firewall rules, routes, DNS and the container network. The process and its data are fine; restarting it does not help while the network is cut.",
            [$"curl -s http://<pd>/pd/api/v1/stores | grep -A3 '{address}'", $"nc -zv {address.Replace(":", " ", StringComparison.Ordinal)}", "./operator cluster status --subject tikv"],
            [
                "while isolated its regions elect leaders elsewhere; when it returns it catches up from the raft log or a snapshot",
                "restarting or wiping it while isolated adds a re-replication on top of the outage",
            ]);
    }
}
