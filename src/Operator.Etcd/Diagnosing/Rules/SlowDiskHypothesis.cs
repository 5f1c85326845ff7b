using Operator.Core.Diagnosis.Rules;
using Operator.Core.Observing;

namespace Operator.Etcd.Diagnosing.Rules;

/// <summary>Disk writes are slow: WAL fsync / backend commit p99 high, heartbeats late "likely from slow disk".</summary>
public sealed class SlowDiskHypothesis : IEtcdHypothesis
{
    /// <summary>etcd's guidance: WAL fsync p99 should stay under 10 ms; we call 100 ms slow.</summary>
    public const double SlowWalFsyncSeconds = 0.1;

    public const double SlowBackendCommitSeconds = 0.25;

    public string Cause => EtcdCauses.SlowDisk;

    public string Title(EtcdEvidence evidence) => "the disk under etcd's data dir is too slow";

    public HypothesisScore Evaluate(EtcdEvidence e)
    {
        var sheet = new ScoreSheet();
        if (e.WorstP99(EtcdReadings.WalFsyncDuration) is { } wal)
        {
            var text = $"{wal.Node} wal fsync p99 is {EtcdEvidence.Ms(wal.Seconds)}";
            if (wal.Seconds >= 0.5)
            {
                sheet.For(0.5, "metric", text);
            }
            else if (wal.Seconds >= SlowWalFsyncSeconds)
            {
                sheet.For(0.35, "metric", text);
            }
            else if (wal.Seconds >= 0.025)
            {
                sheet.For(0.1, "metric", text);
            }
            else
            {
                sheet.Against(0.1, $"{text} (healthy, under 25 ms)");
            }
        }
        else
        {
            sheet.Against(0, "no wal fsync latency was measured");
        }

        if (e.WorstP99(EtcdReadings.BackendCommitDuration) is { } commit)
        {
            var text = $"{commit.Node} backend commit p99 is {EtcdEvidence.Ms(commit.Seconds)}";
            if (commit.Seconds >= SlowBackendCommitSeconds)
            {
                sheet.For(0.2, "metric", text);
            }
            else if (commit.Seconds >= 0.1)
            {
                sheet.For(0.1, "metric", text);
            }
        }

        var late = e.AnyLines("leader failed to send out heartbeat on time");
        if (late.Count > 0)
        {
            var frozen = e.Process == ProcessState.Stopped || e.SnapshotProcess == "stopped"
                || late.Any(l => Seconds(l.Fields.GetValueOrDefault("exceeded-duration")) >= 5);
            if (frozen)
            {
                sheet.Against(0.1, $"'leader failed to send out heartbeat on time' (exceeded-duration {late[^1].Fields.GetValueOrDefault("exceeded-duration") ?? "?"}) follows a frozen process, not disk latency");
            }
            else
            {
                sheet.For(0.2, "log", EtcdEvidence.Logged(late, "leader failed to send out heartbeat on time; … likely from slow disk"), EtcdEvidence.First(late));
            }
        }

        if (e.SlowPeerPathOnly() is { } path)
        {
            sheet.Against(0.3, $"{path}: the network path is slow, not the disk");
        }

        if (e.Node is { } node && e.Process == ProcessState.Gone)
        {
            sheet.Against(0.3, $"{node}'s process is gone; slow disks delay, they do not kill processes");
        }

        return sheet.Build();
    }

    public Remedy Remedy(EtcdEvidence e)
    {
        var metrics = e.Context.Now.Nodes.Where(n => n.IsUp).Select(n => $"curl -s {n.Address}/metrics | grep -E 'etcd_disk_(wal_fsync|backend_commit)_duration_seconds_(sum|count)'");
        return new Remedy(
            "Find what competes for the disk (other I/O heavy processes, a full or throttled volume) and move etcd's data dir, at least its WAL (--wal-dir), to a dedicated fast disk. Keep the WAL fsync p99 under 10 ms.",
            ["iostat -x 1 5", .. metrics],
            [
                "slow fsyncs delay heartbeats; beyond the election timeout followers start elections and leadership flaps",
                "raising --heartbeat-interval and --election-timeout hides the symptom and slows failure detection",
            ]);
    }

    private static double Seconds(string? duration)
    {
        if (duration is null)
        {
            return 0;
        }

        var number = new string(duration.TakeWhile(c => char.IsDigit(c) || c == '.').ToArray());
        if (!double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            return 0;
        }

        return duration.EndsWith("ms", StringComparison.Ordinal) ? value / 1000 : duration.EndsWith('m') ? value * 60 : value;
    }
}
