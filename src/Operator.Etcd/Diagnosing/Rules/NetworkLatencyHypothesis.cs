using Operator.Core.Diagnosis.Rules;
using Operator.Core.Observing;

namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>
/// The path to the member's peer port is slow: its peer round trip is high while the others' are low, and the
/// process runs, answers promptly on its client port, and its disk and load are fine.
/// </summary>
public sealed class NetworkLatencyHypothesis : IEtcdHypothesis
{
    public string Cause => EtcdCauses.NetworkLatency;

    public string Title(EtcdEvidence evidence) => $"the network path to {evidence.Node ?? "a member"}'s peer port is slow";

    public HypothesisScore Evaluate(EtcdEvidence e)
    {
        var sheet = new ScoreSheet();
        if (e.Node is not { } node)
        {
            sheet.Against(0, "the ticket names no single member whose path is slow");
            return sheet.Build();
        }

        switch (e.Process)
        {
            case ProcessState.Running:
                sheet.For(0.1, "process", $"{e.PidText} is running");
                break;
            case ProcessState.Stopped:
                sheet.Against(0.6, $"{e.PidText} is stopped (state T): a frozen process, not a slow path");
                break;
            case ProcessState.Gone:
                sheet.Against(0.6, $"{e.PidText} is gone: a dead process, not a slow path");
                break;
        }

        if (e.PeerCut)
        {
            sheet.Against(0.4, $"{node}'s peer port cuts the monitor's probe ({EtcdPeerErrors.Message(e.PeerError!)}): a cut path, not a slow one");
        }

        if (e.PeerRoundTrip is not { } roundTrip)
        {
            sheet.Against(0, $"no peer round trip was measured for {node}");
            return sheet.Build();
        }

        if (!e.PeerSlow)
        {
            sheet.Against(0.3, $"{node}'s peer round trip is {EtcdEvidence.Ms(roundTrip)}, under {EtcdEvidence.Ms(EtcdEvidence.SlowPeerRoundTripSeconds)}");
            return sheet.Build();
        }

        if (e.PeerTimedOut)
        {
            sheet.For(0.3, "probe", $"{node}'s peer port{At(e)} did not answer GET /raft/probing within {EtcdEvidence.Ms(roundTrip)}");
        }
        else
        {
            sheet.For(0.4, "probe", $"{node}'s peer round trip (GET {e.PeerUrl ?? "peer URL"}/raft/probing) is {EtcdEvidence.Ms(roundTrip)}");
        }

        var others = e.OthersPeerRoundTrips;
        var slowOthers = others.Where(o => o.Seconds >= EtcdEvidence.SlowPeerRoundTripSeconds).ToList();
        if (others.Count > 0 && slowOthers.Count == 0)
        {
            sheet.For(0.15, "probe", $"the other members' peer ports answer in {EtcdEvidence.RoundTrips(others)}");
        }
        else if (slowOthers.Count > 0)
        {
            sheet.Against(0.1, $"{EtcdEvidence.RoundTrips(slowOthers)} are slow on their peer ports too: not one member's path");
        }

        if (!e.ClientAnswers)
        {
            sheet.Against(0.3, $"{node} does not answer on its client port");
        }
        else if (e.ClientRoundTrip is { } client && client < EtcdEvidence.SlowPeerRoundTripSeconds / 2)
        {
            sheet.For(0.15, "probe", $"{node} answers on its client port in {EtcdEvidence.Ms(client)}: the process itself is responsive");
        }
        else if (e.ClientRoundTrip is { } slowClient && slowClient >= roundTrip / 2)
        {
            sheet.Against(0.3, $"{node} is slow on its client port too ({EtcdEvidence.Ms(slowClient)}): a busy process, not the network path");
        }

        if (e.NodeP99(EtcdReadings.WalFsyncDuration) is { } wal)
        {
            if (wal >= SlowDiskHypothesis.SlowWalFsyncSeconds)
            {
                sheet.Against(0.3, $"{node} wal fsync p99 is {EtcdEvidence.Ms(wal)}: its disk is slow");
            }
            else if (wal < 0.025)
            {
                sheet.For(0.05, "metric", $"{node}'s disk is healthy (wal fsync p99 {EtcdEvidence.Ms(wal)})");
            }
        }

        if (e.NodeP99(EtcdReadings.RequestDuration) is { } request && request >= OverloadHypothesis.SlowRequestSeconds)
        {
            sheet.Against(0.15, $"{node} request p99 is {EtcdEvidence.Ms(request)}: it is loaded as well");
        }

        if (e.LeaderViewDiffers() is { } view)
        {
            sheet.Against(0.15, $"{view}: it is cut off, not merely slow");
        }

        return sheet.Build();
    }

    public Remedy Remedy(EtcdEvidence e)
    {
        var node = e.Node ?? "the member";
        var host = e.PeerUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var parsed) ? parsed.Host : "<peer host>";
        var commands = new List<string>();
        if (e.PeerUrl is { } peer)
        {
            commands.Add($"curl -s -m 2 -o /dev/null -w '%{{time_total}}\\n' {peer}/raft/probing");
        }

        commands.AddRange(e.Context.Now.Nodes.Where(n => n.Name != e.Node).Select(n => n.Fact(EtcdReadings.PeerUrl)).OfType<string>()
            .Select(u => $"curl -s -m 2 -o /dev/null -w '%{{time_total}}\\n' {u}/raft/probing"));
        commands.Add($"ping -c 5 {host}");
        commands.Add($"mtr -rwc 20 {host}");
        commands.Add("./operator cluster status");
        return new Remedy(
            $"Find what slows the network path to {node}'s peer port (a congested or lossy link, traffic shaping such as tc netem, an overloaded proxy or firewall between the hosts): measure it with ping and mtr between {node}'s host and its peers' hosts and fix the path. Do not restart or replace {node}; its process is healthy.",
            commands,
            [
                $"restarting {node} does not speed up the network and costs a catch-up over the same slow path",
                "a peer round trip approaching the election timeout (1 s by default) makes heartbeats miss it: elections and leader changes follow",
                "raising --heartbeat-interval and --election-timeout to match a permanently slow link hides the symptom and slows failure detection",
            ]);
    }

    private static string At(EtcdEvidence e) => e.PeerUrl is { } url ? $" ({url})" : string.Empty;
}
