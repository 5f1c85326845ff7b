using Operator.Core.Diagnosis.Rules;
using Operator.Core.Observing;

namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>
/// The member runs and answers on its client port, but its peers cannot reach it (or it them): its peer port cuts the
/// monitor's probe while the others' answer, it loses the leader the others follow, peers log timeouts.
/// </summary>
public sealed class NetworkPartitionHypothesis : IEtcdHypothesis
{
    public string Cause => EtcdCauses.NetworkPartition;

    public string Title(EtcdEvidence evidence) => $"{evidence.Node ?? "a member"} is cut off from its peers by the network";

    public HypothesisScore Evaluate(EtcdEvidence e)
    {
        var sheet = new ScoreSheet();
        if (e.Node is not { } node)
        {
            sheet.Against(0, "the ticket names no single member to be cut off");
            return sheet.Build();
        }

        switch (e.Process)
        {
            case ProcessState.Running:
                sheet.For(0.2, "process", $"{e.PidText} is running");
                break;
            case ProcessState.Stopped:
                sheet.Against(0.6, $"{e.PidText} is stopped (state T): a frozen process explains the silence");
                break;
            case ProcessState.Gone:
                sheet.Against(0.6, $"{e.PidText} is gone: a dead process explains the silence");
                break;
        }

        if (e.Refused)
        {
            sheet.Against(0.3, $"{node}'s client port refused connections ({e.Error}): nothing listens there");
        }

        if (e.AnswersNow)
        {
            sheet.For(0.15, "probe", $"{node} still answers on its own client port");
            if (e.LeaderViewDiffers() is { } view)
            {
                sheet.For(0.15, "probe", view);
            }
        }

        var others = e.OthersPeerRoundTrips;
        if (e.PeerCut && e.ClientAnswers)
        {
            sheet.For(0.3, "probe", $"{node}'s peer port cuts the monitor's probe ({EtcdPeerErrors.Message(e.PeerError!)}) while its client port answers");
            if (others.Count > 0)
            {
                sheet.For(0.1, "probe", $"the other members' peer ports answer ({EtcdEvidence.RoundTrips(others)})");
            }
        }
        else if (e.PeerTimedOut && e.ClientAnswers)
        {
            sheet.For(0.05, "probe", $"{node}'s peer port did not answer the monitor's probe in time ({EtcdPeerErrors.Message(e.PeerError!)})");
        }
        else if (e.PeerRoundTrip is { } roundTrip && e.PeerError is null)
        {
            sheet.Against(e.PeerSlow ? 0.3 : 0.2, e.PeerSlow
                ? $"{node}'s peer port answers, only slowly ({EtcdEvidence.Ms(roundTrip)}): a slow path, not a cut one"
                : $"{node}'s peer port answers the monitor promptly ({EtcdEvidence.Ms(roundTrip)})");
        }

        var timeouts = e.PeerLines("prober detected unhealthy status")
            .Concat(e.PeerLines("lost TCP streaming connection with remote peer"))
            .Where(l => EtcdEvidence.ErrorOf(l).Contains("timeout", StringComparison.Ordinal))
            .ToList();
        if (timeouts.Count > 0 && e.Process is ProcessState.Running or ProcessState.Unknown)
        {
            sheet.For(0.25, "log", $"{EtcdEvidence.Names(timeouts.Select(l => l.Node))} timed out reaching {node} ('{timeouts[0].Message}': {EtcdEvidence.ErrorOf(timeouts[0])})", EtcdEvidence.First(timeouts));
        }

        var ownView = e.NodeLines("prober detected unhealthy status").Concat(e.NodeLines("lost TCP streaming connection with remote peer")).ToList();
        if (ownView.Count > 0 && e.Process is ProcessState.Running or ProcessState.Unknown)
        {
            sheet.For(0.2, "log", $"{node} itself logged '{ownView[0].Message}' about its peers", EtcdEvidence.First(ownView));
        }

        if (timeouts.Count == 0 && ownView.Count == 0 && !e.PeerCut)
        {
            sheet.Against(0, "no member logged a timeout reaching another");
        }

        return sheet.Build();
    }

    public Remedy Remedy(EtcdEvidence e)
    {
        var node = e.Node ?? "the member";
        var address = e.Observed?.Address;
        var commands = new List<string>();
        if (e.PeerUrl is { } peer)
        {
            commands.Add($"curl -s -m 2 {peer}/raft/probing");
        }

        if (address is not null)
        {
            commands.Add($"curl -s -m 2 {address}/health");
        }

        commands.AddRange(e.Context.Now.Nodes.Where(n => n.Name != e.Node).Select(n => $"curl -s -m 2 {n.Address}/health"));
        commands.Add("./operator cluster status");
        return new Remedy(
            $"Restore connectivity between {node} and its peers (firewall rules, routes, interface state); do not restart or replace {node}, its process is healthy. It catches up by itself once it can reach the leader.",
            commands,
            [
                $"restarting {node} does not fix the network and costs a catch-up",
                $"if {node} is the leader of a minority side, clients connected to it see timeouts until the partition heals",
            ]);
    }
}
