using System.Globalization;
using Operator.Core.Metrics;
using Operator.Core.Observing;
using Operator.Etcd.Client;

namespace Operator.Etcd.Observing;

/// <summary>Turns one member's probe answers into a <see cref="NodeObservation"/> under the <see cref="EtcdReadings"/> names.</summary>
internal static class EtcdNodeReadings
{
    public const string Role = "etcd";

    public static NodeObservation Build(EtcdStatusProbe probe, EtcdResult<MetricScrape> metrics, ProcessState process, EtcdPeerProbe? peer = null)
    {
        var endpoint = probe.Endpoint;
        var status = probe.Status;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        var histograms = new Dictionary<string, HistogramSnapshot>(StringComparer.Ordinal);

        if (status.Ok)
        {
            AddStatus(status.Value, values, facts);
        }

        // Metrics of a member that does not answer status may be a reused scrape from before it failed: leave them out.
        if (status.Ok && metrics.Ok)
        {
            AddMetrics(metrics.Value, values, histograms);
        }
        else if (status.Ok)
        {
            facts[EtcdReadings.MetricsError] = metrics.Failure!.Message;
        }

        // The peer port is separate evidence: it is recorded whether or not the client port answered.
        peer?.AddTo(values, facts);

        var state = status.Ok ? NodeState.Up : process switch
        {
            ProcessState.Gone => NodeState.Down,
            ProcessState.Stopped => NodeState.Paused,
            _ => status.Failure.Kind == EtcdFailureKind.Refused ? NodeState.Down : NodeState.Unresponsive,
        };

        return new NodeObservation(
            endpoint.Name,
            Role,
            EtcdClient.Display(endpoint.ClientUrl),
            state,
            status.Ok && status.Value.IsLeader,
            endpoint.Pid,
            process,
            status.Ok ? null : Describe(status.Failure, endpoint.Pid, process),
            values,
            facts,
            probe.Latency,
            histograms);
    }

    /// <summary>Alarm names from status errors such as <c>memberID:169… alarm:NOSPACE </c>, distinct and in order.</summary>
    public static IReadOnlyList<string> Alarms(IEnumerable<string> statusErrors)
    {
        var alarms = new List<string>();
        foreach (var error in statusErrors)
        {
            var at = error.IndexOf("alarm:", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var name = error.AsSpan(at + "alarm:".Length).Trim();
            var end = name.IndexOfAny(" ,;");
            var alarm = (end < 0 ? name : name[..end]).ToString();
            if (alarm.Length > 0 && !alarms.Contains(alarm))
            {
                alarms.Add(alarm);
            }
        }

        return alarms;
    }

    private static void AddStatus(EtcdStatus status, Dictionary<string, double> values, Dictionary<string, string> facts)
    {
        values[EtcdReadings.DbSizeBytes] = status.DbSize;
        values[EtcdReadings.DbSizeInUseBytes] = status.DbSizeInUse;
        values[EtcdReadings.RaftTerm] = status.RaftTerm;
        values[EtcdReadings.RaftIndex] = status.RaftIndex;
        values[EtcdReadings.RaftAppliedIndex] = status.RaftAppliedIndex;

        facts[EtcdReadings.MemberId] = status.Header.MemberId.ToString(CultureInfo.InvariantCulture);
        if (status.HasLeader)
        {
            facts[EtcdReadings.LeaderId] = status.Leader.ToString(CultureInfo.InvariantCulture);
        }

        if (status.Version.Length > 0)
        {
            facts[EtcdReadings.Version] = status.Version;
        }

        if (status.Errors.Count > 0)
        {
            facts[EtcdReadings.StatusErrors] = string.Join("; ", status.Errors.Select(e => e.Trim()));
            var alarms = Alarms(status.Errors);
            if (alarms.Count > 0)
            {
                facts[EtcdReadings.Alarms] = string.Join(',', alarms);
            }
        }
    }

    private static void AddMetrics(MetricScrape scrape, Dictionary<string, double> values, Dictionary<string, HistogramSnapshot> histograms)
    {
        void Put(string reading, double? value)
        {
            if (value is { } v)
            {
                values[reading] = v;
            }
        }

        Put(EtcdReadings.QuotaBytes, scrape.Value(EtcdMetricFamilies.QuotaBackendBytes));
        Put(EtcdReadings.HasLeader, scrape.Value(EtcdMetricFamilies.HasLeader));
        Put(EtcdReadings.LeaderChangesSeen, scrape.Value(EtcdMetricFamilies.LeaderChangesSeen));
        Put(EtcdReadings.ActivePeers, scrape.Sum(EtcdMetricFamilies.ActivePeers));

        // The series only appears after the first failed send, so its absence means zero.
        Put(EtcdReadings.PeerSentFailures, scrape.Sum(EtcdMetricFamilies.PeerSentFailures) ?? 0);
        Put(EtcdReadings.ProposalsPending, scrape.Value(EtcdMetricFamilies.ProposalsPending));
        Put(EtcdReadings.ProposalsFailed, scrape.Value(EtcdMetricFamilies.ProposalsFailed));
        Put(EtcdReadings.ResidentMemoryBytes, scrape.Value(EtcdMetricFamilies.ResidentMemory));

        void PutHistogram(string reading, HistogramSnapshot? histogram)
        {
            if (histogram is not null)
            {
                histograms[reading] = histogram;
            }
        }

        // Client request latency: unary calls, without the maintenance calls that are slow by design (a defragment
        // rewrites the whole db, a compaction waits for it to finish) and say nothing about what clients see.
        PutHistogram(EtcdReadings.RequestDuration, scrape.Histogram(
            EtcdMetricFamilies.GrpcHandlingSeconds,
            s => s.HasLabel("grpc_type", "unary") && !s.HasLabel("grpc_method", "Defragment") && !s.HasLabel("grpc_method", "Compact")));
        PutHistogram(EtcdReadings.WalFsyncDuration, scrape.Histogram(EtcdMetricFamilies.WalFsyncSeconds));
        PutHistogram(EtcdReadings.BackendCommitDuration, scrape.Histogram(EtcdMetricFamilies.BackendCommitSeconds));
    }

    private static string Describe(EtcdFailure failure, int? pid, ProcessState process) => process switch
    {
        ProcessState.Gone => $"{failure.Message} (process {pid} has exited)",
        ProcessState.Stopped => $"{failure.Message} (process {pid} is stopped, e.g. SIGSTOP)",
        _ => failure.Message,
    };
}
