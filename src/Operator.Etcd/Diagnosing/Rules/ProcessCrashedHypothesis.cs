using Operator.Core.Diagnosis.Rules;
using Operator.Core.Observing;

namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>The member's etcd process died (SIGKILL, OOM, panic): connection refused and its pid is gone; peers saw EOF.</summary>
public sealed class ProcessCrashedHypothesis : IEtcdHypothesis
{
    public string Cause => EtcdCauses.ProcessCrashed;

    public string Title(EtcdEvidence evidence) => evidence.Node is { } n ? $"{n}'s etcd process crashed" : "member processes crashed";

    public HypothesisScore Evaluate(EtcdEvidence e)
    {
        var sheet = new ScoreSheet();
        if (e.Node is not { } node)
        {
            var dead = e.NotUp.Where(n => n.Process == ProcessState.Gone || n.State == NodeState.Down).Select(n => n.Name).ToList();
            if (dead.Count > 0)
            {
                sheet.For(0.35, "probe", $"{EtcdEvidence.Names(dead)} down (connection refused or process gone)");
                sheet.Against(0, "the ticket is cluster-wide; dead processes explain it only through its cluster-level effect");
            }
            else
            {
                sheet.Against(0, "every member's process answers or is alive");
            }

            return sheet.Build();
        }

        if (e.Refused)
        {
            sheet.For(0.35, "probe", $"{node}'s client port refused connections ({e.Error})");
        }
        else if (e.TimedOut)
        {
            sheet.Against(0.2, $"{node}'s probe timed out instead of being refused ({e.Error}): something still holds the port");
        }

        switch (e.Process)
        {
            case ProcessState.Gone:
                sheet.For(0.4, "process", $"{e.PidText} is gone");
                break;
            case ProcessState.Stopped:
                sheet.Against(0.6, $"{e.PidText} exists and is stopped (state T), not dead");
                break;
            case ProcessState.Running:
                sheet.Against(0.4, $"{e.PidText} is still running");
                break;
        }

        var lost = e.PeerLines("lost TCP streaming connection with remote peer");
        var eof = lost.Where(l => EtcdEvidence.ErrorOf(l).Contains("EOF", StringComparison.Ordinal)).ToList();
        var timeouts = lost.Where(l => EtcdEvidence.ErrorOf(l).Contains("timeout", StringComparison.Ordinal)).ToList();
        if (eof.Count > 0)
        {
            sheet.For(0.15, "log", EtcdEvidence.Logged(eof, "lost TCP streaming connection with remote peer", EtcdEvidence.ErrorOf(eof[0])), EtcdEvidence.First(eof));
        }
        else if (lost.Count > 0 && e.Process != ProcessState.Gone)
        {
            sheet.For(0.1, "log", EtcdEvidence.Logged(lost, "lost TCP streaming connection with remote peer"), EtcdEvidence.First(lost));
        }

        if (timeouts.Count > 0 && eof.Count == 0)
        {
            sheet.Against(0.1, $"peers' streams to {node} timed out (i/o timeout) rather than closing with EOF");
        }

        var refusedProbes = e.PeerLines("prober detected unhealthy status").Where(l => EtcdEvidence.ErrorOf(l).Contains("connection refused", StringComparison.Ordinal)).ToList();
        if (refusedProbes.Count > 0)
        {
            sheet.For(0.1, "log", EtcdEvidence.Logged(refusedProbes, "prober detected unhealthy status", "connection refused"), EtcdEvidence.First(refusedProbes));
        }

        if (e.AnswersNow)
        {
            sheet.Against(0.5, $"{node} answers its probes now");
        }

        var shutdown = e.NodeLines("received signal; shutting down");
        if (shutdown.Count > 0)
        {
            sheet.Against(0.2, $"{node} logged 'received signal; shutting down': a graceful stop, not a crash");
        }

        if (e.Process == ProcessState.Unknown && !e.Refused && eof.Count == 0)
        {
            sheet.Against(0, $"no pid is known for {node} and nothing shows it refusing connections");
        }

        return sheet.Build();
    }

    public Remedy Remedy(EtcdEvidence e)
    {
        var node = e.Node ?? "the member";
        var others = Math.Max(0, e.Up.Count);
        return new Remedy(
            $"Restart {node} with its existing data dir and flags; it rejoins as a follower and catches up from the leader. Look at the end of its log first for a fatal line (a crash that repeats on start needs the member replaced: remove the member, wipe its data dir, add it back and start it with --initial-cluster-state existing).",
            e.Node is { } n ? [$"./operator chaos restart {n}", "./operator cluster status"] : ["./operator cluster up", "./operator cluster status"],
            [
                $"while {node} is down the cluster runs on {others} of {e.Total} members and tolerates {Math.Max(0, others - e.Majority)} more failure(s)",
                "if the process crashes again on start (corrupt data dir), do not start it with an empty data dir and --initial-cluster-state new: remove and re-add the member instead",
            ]);
    }
}
