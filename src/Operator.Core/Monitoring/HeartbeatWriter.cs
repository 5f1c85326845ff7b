using System.Globalization;
using Operator.Core.Invariants;
using Operator.Core.Observing;
using Operator.Core.Tickets;
using Operator.Core.Time;

namespace Operator.Core.Monitoring;

/// <summary>
/// The monitor's stdout: one heartbeat line per cycle plus one line per ticket opened, reopened or
/// resolved. Lines are short and start with the time so they read well in a terminal panel.
/// </summary>
public sealed class HeartbeatWriter
{
    private readonly TextWriter _out;

    public HeartbeatWriter(TextWriter output) => _out = output;

    public void Started(DateTimeOffset at, string subject, int invariants, TimeSpan interval) =>
        Line(at, $"monitor started: subject {subject}, {invariants} invariants, interval {DurationText.Format(interval)}");

    public void Stopped(DateTimeOffset at, long cycles) => Line(at, $"monitor stopped after {cycles} cycles");

    public void Cycle(CycleReport r, int invariants)
    {
        var o = r.Observation;
        var at = r.SeenAt;
        var up = o.Nodes.Count(n => n.IsUp);
        var leader = o.Leader?.Name ?? "none";
        var notUp = string.Join(", ", o.Nodes.Where(n => !n.IsUp).Select(n => $"{n.Name} {n.State.ToWire()}"));
        var nodes = notUp.Length == 0 ? $"{up}/{o.Nodes.Count} up" : $"{up}/{o.Nodes.Count} up ({notUp})";
        var outcome = r.Tickets;
        var opened = (outcome?.Opened.Count ?? 0) + (outcome?.Reopened.Count ?? 0);
        var resolved = outcome?.Resolved.Count ?? 0;
        var trigger = r.Trigger == "tick" ? string.Empty : $" [{r.Trigger}]";
        var pending = r.Evaluation.Pending > 0 ? $" ({r.Evaluation.Pending} in grace)" : string.Empty;
        Line(at, string.Create(
            CultureInfo.InvariantCulture,
            $"cycle {r.Number}: {nodes}, leader {leader} | {invariants} invariants, {r.Evaluation.Violations.Count} violations{pending} | opened {opened}, resolved {resolved} | {r.Elapsed.TotalMilliseconds:0} ms{trigger}"));

        if (outcome is not null)
        {
            foreach (var t in outcome.Opened)
            {
                Line(at, $"OPENED   #{t.Id} {t.Invariant}:{t.Target} [{t.Severity.ToWire()}] {t.Message}");
            }

            foreach (var t in outcome.Reopened)
            {
                Line(at, $"REOPENED #{t.Id} {t.Invariant}:{t.Target} [{t.Severity.ToWire()}]{(t.Flapping ? " flapping" : string.Empty)} {t.Message}");
            }

            foreach (var t in outcome.Resolved)
            {
                var lasted = (t.ResolvedAt ?? at) - t.FirstSeenAt;
                Line(at, $"RESOLVED #{t.Id} {t.Invariant}:{t.Target} after {DurationText.Format(lasted)}");
            }
        }

        foreach (var e in r.Evaluation.Errors)
        {
            Line(at, $"WARNING  {e}");
        }

        foreach (var e in o.Errors)
        {
            Line(at, $"WARNING  {e}");
        }

        if (r.StoreError is not null)
        {
            Line(at, $"WARNING  {r.StoreError}");
        }
    }

    private void Line(DateTimeOffset at, string text)
    {
        _out.WriteLine($"{Timestamps.TimeOfDay(at)} {text}");
        _out.Flush();
    }
}
