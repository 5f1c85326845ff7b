using System.Globalization;
using Operator.Core.Diagnosis.Rules;
using Operator.Core.Observing;

namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>More requests than the cluster can serve: request latency high while the disk is healthy, proposals pile up.</summary>
public sealed class OverloadHypothesis : IEtcdHypothesis
{
    public const double SlowRequestSeconds = 0.25;

    public const double ManyPendingProposals = 5;

    public string Cause => EtcdCauses.Overload;

    public string Title(EtcdEvidence evidence) => "etcd is overloaded by client requests";

    public HypothesisScore Evaluate(EtcdEvidence e)
    {
        var sheet = new ScoreSheet();
        if (e.WorstP99(EtcdReadings.RequestDuration) is { } request)
        {
            var text = $"{request.Node} request p99 is {EtcdEvidence.Ms(request.Seconds)}";
            if (request.Seconds >= 1)
            {
                sheet.For(0.45, "metric", text);
            }
            else if (request.Seconds >= SlowRequestSeconds)
            {
                sheet.For(0.35, "metric", text);
            }
            else
            {
                sheet.Against(0.1, $"{text} (under {EtcdEvidence.Ms(SlowRequestSeconds)})");
            }
        }
        else
        {
            sheet.Against(0, "no request latency was measured");
        }

        if (e.Highest(EtcdReadings.ProposalsPending) is { } pending)
        {
            var text = $"{pending.Node} has {pending.Value.ToString("0", CultureInfo.InvariantCulture)} proposals pending";
            if (pending.Value >= ManyPendingProposals)
            {
                sheet.For(0.2, "metric", text);
            }
        }

        var slowApply = e.AnyLines("apply request took too long");
        if (slowApply.Count >= 3)
        {
            sheet.For(0.15, "log", EtcdEvidence.Logged(slowApply, "apply request took too long") + $", {slowApply.Count} times", EtcdEvidence.First(slowApply));
        }

        if (e.WorstP99(EtcdReadings.WalFsyncDuration) is { } wal)
        {
            if (wal.Seconds < 0.025)
            {
                sheet.For(0.1, "metric", $"the disk is healthy: {wal.Node} wal fsync p99 is {EtcdEvidence.Ms(wal.Seconds)}");
            }
            else if (wal.Seconds >= SlowDiskHypothesis.SlowWalFsyncSeconds)
            {
                sheet.Against(0.3, $"{wal.Node} wal fsync p99 is {EtcdEvidence.Ms(wal.Seconds)}: the disk, not the load, is slow");
            }
        }

        if (e.SlowPeerPathOnly() is { } path)
        {
            sheet.Against(0.3, $"{path}: the network path is slow, not the load");
        }

        var broken = e.NotUp.Where(n => n.Process is ProcessState.Gone or ProcessState.Stopped || n.State == NodeState.Down).Select(n => n.Name).ToList();
        if (broken.Count > 0)
        {
            sheet.Against(0.2, $"{EtcdEvidence.Names(broken)} is down or stopped, which load does not do");
        }

        return sheet.Build();
    }

    public Remedy Remedy(EtcdEvidence e) => new(
        "Reduce the request rate or spread it: find the heaviest clients (large ranges, watch storms, lease churn), add client-side rate limits and backoff, and prefer serializable reads where stale data is acceptable.",
        [.. e.Context.Now.Nodes.Where(n => n.IsUp).Select(n => $"curl -s {n.Address}/metrics | grep -E 'etcd_server_proposals_pending|grpc_server_handled_total'"), "./operator cluster status"],
        [
            "adding members does not add write throughput; every write still goes through the leader and a quorum",
            "clients retrying without backoff make the overload worse",
        ]);
}
