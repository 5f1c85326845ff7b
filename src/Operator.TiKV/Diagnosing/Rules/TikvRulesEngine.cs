using System.Globalization;
using Operator.Core.Diagnosis;
using Operator.Core.Diagnosis.Rules;
using Operator.Core.Invariants;
using Operator.Core.Observing;

namespace Operator.TiKV.Diagnosing.Rules;

/// <summary>
/// The offline, deterministic <c>rules</c> engine for TiKV: scores store crash, network isolation, disk full, slow disk,
/// hot region and the PD failures against the evidence from PD, the probes, Prometheus and the logs.
/// </summary>
public sealed class TikvRulesEngine : IDiagnosisEngine
{
    private const int TimelineLogEntries = 8;
    private readonly IReadOnlyList<ITikvHypothesis> _hypotheses;
    private readonly TimeProvider _time;

    public TikvRulesEngine(TimeProvider time, IReadOnlyList<ITikvHypothesis>? hypotheses = null)
    {
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _hypotheses = hypotheses ?? TikvHypotheses.Create();
    }

    public string Name => "rules";

    public Task<Diagnosis> DiagnoseAsync(DiagnosisContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        var started = _time.GetTimestamp();
        var evidence = new TikvEvidence(context);
        var ticket = context.Ticket;
        var verdict = HypothesisRanking.Judge(
            _hypotheses,
            evidence,
            context,
            "TiKV",
            TikvCauses.Unknown,
            new Remedy(
                "Look at PD's view of the stores, the store's log and its metrics by hand; re-diagnose once more evidence is available.",
                ["./operator cluster status --subject tikv", $"./operator diagnose {ticket.Id.ToString(CultureInfo.InvariantCulture)}"],
                ["acting on a guess may make things worse; nothing here points at one cause"]));
        var diagnosis = verdict.ToDiagnosis(
            verdict.Cause == TikvCauses.PdQuorumLost ? ticket.Node : evidence.Node,
            ticket.Severity.ToWire(),
            Timeline(context, verdict.Supporting),
            Affected(evidence),
            Readings(evidence),
            Name,
            Math.Round(_time.GetElapsedTime(started).TotalMilliseconds, 3),
            _time.GetUtcNow());
        return Task.FromResult(diagnosis);
    }

    private static IReadOnlyList<TimelineEntry> Timeline(DiagnosisContext context, IReadOnlyList<Evidence> supporting)
    {
        var ticket = context.Ticket;
        var entries = new List<TimelineEntry> { new(ticket.FirstSeenAt, $"ticket opened: {ticket.Message}") };
        entries.AddRange(context.NodeLogs.Concat(context.PeerLogs)
            .Where(l => l.At is not null && !l.Level.Equals("info", StringComparison.OrdinalIgnoreCase) && !l.Level.Equals("debug", StringComparison.OrdinalIgnoreCase))
            .GroupBy(l => (l.Node, l.Message))
            .Select(g => g.OrderBy(l => l.At).First())
            .OrderBy(l => l.At)
            .Take(TimelineLogEntries)
            .Select(l => new TimelineEntry(l.At!.Value, $"{l.Node} logged '{l.Message}'")));
        entries.AddRange(supporting.Where(s => s.At is not null && s.Source is not ("log" or "history")).Select(s => new TimelineEntry(s.At!.Value, s.Detail)));
        if (ticket.LastSeenAt > ticket.FirstSeenAt)
        {
            entries.Add(new TimelineEntry(ticket.LastSeenAt, $"last reported by the monitor ({ticket.Occurrences.ToString(CultureInfo.InvariantCulture)} cycles)"));
        }

        var now = context.Now;
        entries.Add(new TimelineEntry(now.At, $"observed for diagnosis: {string.Join(", ", now.Nodes.Select(n => $"{n.Name} {n.State.ToWire()}{(n.Fact(TikvReadings.PdStateName) is { } s && s != "Up" ? $" (PD: {s})" : string.Empty)}"))}"));
        return entries.OrderBy(e => e.At).ToList();
    }

    private static IReadOnlyList<string> Affected(TikvEvidence evidence)
    {
        var affected = new List<string>();
        if (evidence.Node is { } node)
        {
            affected.Add(node);
        }

        affected.AddRange(evidence.Context.Now.Nodes.Where(n => !n.IsUp).Select(n => n.Name).Where(n => !affected.Contains(n)));
        if (evidence.Node is null)
        {
            affected.Add("cluster");
        }

        return affected;
    }

    private static IReadOnlyList<MetricReading> Readings(TikvEvidence evidence)
    {
        (string Name, string? Unit)[] names =
        [
            (TikvReadings.HeartbeatAgeSeconds, "seconds"), (TikvReadings.DiskUsedRatio, "ratio"), (TikvReadings.Qps, "requests/s"),
            (TikvReadings.GrpcP99Seconds, "seconds"), (TikvReadings.CommitP99Seconds, "seconds"), (TikvReadings.ApplyP99Seconds, "seconds"),
            (TikvReadings.CpuCores, "cores"), (TikvReadings.LeaderCount, null), (TikvReadings.RegionCount, null), (TikvReadings.SlowScore, null),
        ];
        var readings = new List<MetricReading>();
        foreach (var n in evidence.Stores.OrderBy(n => n.Name == evidence.Node ? 0 : 1).ThenBy(n => n.Name, StringComparer.Ordinal))
        {
            foreach (var (name, unit) in names)
            {
                if (n.Metric(name) is { } v && double.IsFinite(v))
                {
                    readings.Add(new MetricReading(n.Name, name, Math.Round(v, 6), unit));
                }
            }
        }

        return readings;
    }
}
