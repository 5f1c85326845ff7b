using Operator.Core.Diagnosis.Rules;
using Operator.Core.Observing;

namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>The member's process lives but does not run (SIGSTOP, state T) or hangs: probes time out, peers see i/o timeouts.</summary>
public sealed class ProcessHungHypothesis : IEtcdHypothesis
{
    public string Cause => EtcdCauses.ProcessHung;

    public string Title(EtcdEvidence evidence) => $"{evidence.Node ?? "a member"}'s etcd process is stopped or hung";

    public HypothesisScore Evaluate(EtcdEvidence e)
    {
        var sheet = new ScoreSheet();
        if (e.Node is not { } node)
        {
            var stopped = e.NotUp.Where(n => n.Process == ProcessState.Stopped).Select(n => n.Name).ToList();
            if (stopped.Count > 0)
            {
                sheet.For(0.35, "process", $"{EtcdEvidence.Names(stopped)} stopped (state T)");
            }
            else
            {
                sheet.Against(0, "no member's process is stopped");
            }

            return sheet.Build();
        }

        switch (e.Process)
        {
            case ProcessState.Stopped:
                sheet.For(0.5, "process", $"{e.PidText} is alive but stopped (state T, e.g. SIGSTOP)");
                break;
            case ProcessState.Gone:
                sheet.Against(0.6, $"{e.PidText} is gone: a dead process, not a hung one");
                break;
            case ProcessState.Running when e.TimedOut && !e.AnswersNow:
                sheet.For(0.1, "process", $"{e.PidText} is running yet does not answer");
                break;
        }

        if (e.TimedOut)
        {
            sheet.For(0.25, "probe", $"{node}'s client port accepted the connection but did not answer ({e.Error})");
        }
        else if (e.Refused)
        {
            sheet.Against(0.3, $"{node}'s client port refused connections ({e.Error}): nothing listens, so the process is not merely hung");
        }

        var lost = e.PeerLines("lost TCP streaming connection with remote peer")
            .Where(l => EtcdEvidence.ErrorOf(l).Contains("timeout", StringComparison.Ordinal)).ToList();
        if (lost.Count > 0)
        {
            sheet.For(0.15, "log", EtcdEvidence.Logged(lost, "lost TCP streaming connection with remote peer", "i/o timeout"), EtcdEvidence.First(lost));
        }

        var eof = e.PeerLines("lost TCP streaming connection with remote peer")
            .Where(l => EtcdEvidence.ErrorOf(l).Contains("EOF", StringComparison.Ordinal)).ToList();
        if (eof.Count > 0 && lost.Count == 0)
        {
            sheet.Against(0.1, $"peers' streams to {node} closed with EOF, as when a process dies");
        }

        var resumed = e.NodeLines("leader failed to send out heartbeat on time");
        if (resumed.Count > 0)
        {
            var took = resumed[^1].Fields.GetValueOrDefault("exceeded-duration");
            sheet.For(0.1, "log", $"{node} logged 'leader failed to send out heartbeat on time'{(took is null ? string.Empty : $" (exceeded-duration {took})")}: it was frozen", EtcdEvidence.First(resumed));
        }

        if (e.AnswersNow && e.Process != ProcessState.Stopped)
        {
            sheet.Against(0.3, $"{node} answers its probes now");
        }
        else if (e.ClientAnswers && e.Process == ProcessState.Running && (e.PeerCut || e.PeerSlow))
        {
            sheet.Against(0.3, $"{node} answered on its client port while only its peer port failed: the network, not the process");
        }

        return sheet.Build();
    }

    public Remedy Remedy(EtcdEvidence e)
    {
        var node = e.Node ?? "the member";
        var commands = new List<string>();
        if (e.Process == ProcessState.Stopped && e.Pid is { } pid)
        {
            commands.Add($"kill -CONT {pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        }
        else if (e.Pid is { } p)
        {
            var pidText = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
            commands.Add($"cat /proc/{pidText}/status | grep State");
            commands.Add($"kill -CONT {pidText}");
        }

        commands.Add("./operator cluster status");
        return new Remedy(
            $"Resume {node} with SIGCONT: it steps down if it was leader and catches up by itself. If it stays unresponsive while running, kill it and restart it with the same data dir.",
            commands,
            [
                $"after resuming, {node} briefly believes it is still leader and may log 'leader failed to send out heartbeat on time'; that is expected",
                "killing the process instead loses no committed data but costs a restart and a catch-up",
            ]);
    }
}
