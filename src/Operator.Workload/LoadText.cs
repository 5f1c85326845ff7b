using System.Globalization;
using Operator.Core.Time;

namespace Operator.Workload;

/// <summary>The plain (human) report lines of a load run: pure functions of the events.</summary>
public static class LoadText
{
    public static string Format(LoadEvent loadEvent) => loadEvent switch
    {
        LoadStarted s => Start(s),
        LoadInterval i => Interval(i),
        LoadSummary s => Summary(s),
        _ => throw new ArgumentException($"unknown load event {loadEvent?.GetType().Name}", nameof(loadEvent)),
    };

    public static string Start(LoadStarted s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var workload = WorkloadSpec.Find(s.Workload)?.Describe() ?? s.Workload;
        var pacing = s.TargetRate is { } rate ? Invariant($"paced at {rate:0.##} ops/s") : "closed loop";
        var duration = s.DurationSeconds is { } d ? "for " + DurationText.Format(TimeSpan.FromSeconds(d)) : "until stopped";
        return Invariant(
            $"{Timestamps.TimeOfDay(s.At)} loaded {s.Records} records ({s.ValueSize}-byte values) in {s.LoadSeconds:0.00} s; running workload {workload}, zipfian keys, {s.Clients} clients, {pacing}, {duration} against {string.Join(", ", s.Endpoints)}");
    }

    public static string Interval(LoadInterval i)
    {
        ArgumentNullException.ThrowIfNull(i);
        var line = Invariant(
            $"{Timestamps.TimeOfDay(i.At)} {i.Second,5}s {i.OpsPerSec,9:0.0} ops/s  reads {i.Reads,6}  updates {i.Updates,6}  errors {i.Errors,5}  {Latency(i.Latency)}");
        return i.LastError is null ? line : $"{line}  last error: {i.LastError}";
    }

    public static string Summary(LoadSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var line = Invariant(
            $"{Timestamps.TimeOfDay(s.At)} summary: {s.Ops} ops in {s.DurationSeconds:0.0} s = {s.OpsPerSec:0.0} ops/s (reads {s.Reads}, updates {s.Updates}), errors {s.Errors}; {Latency(s.Latency)}");
        return s.LastError is null ? line : $"{line}; last error: {s.LastError}";
    }

    private static string Latency(LatencyFigures? l) => l is null
        ? "p50 -  p99 -  p999 -  max - ms"
        : Invariant($"p50 {l.P50Ms:0.00}  p99 {l.P99Ms:0.00}  p999 {l.P999Ms:0.00}  max {l.MaxMs:0.00} ms");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
