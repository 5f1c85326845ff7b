using Operator.Core.Time;

namespace Operator.Tui.Chapters;

/// <summary>Chapter 8: what the run showed, in numbers, and where to read the full diagnosis.</summary>
public sealed class CompleteChapter : IChapter
{
    public string Title => "Complete";

    public string Text =>
        "That is the loop Operator runs in production: notice a broken invariant within moments, explain it with the evidence on the ticket, "
        + "and confirm the recovery. The ticket keeps the metric snapshot, the diagnosis with its alternatives, and the full history.";

    public string Watch => "Read the whole diagnosis afterwards with `operator tickets show ID`.";

    public Task RunAsync(IChapterContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Status(Summary(context.Record));
        return Task.CompletedTask;
    }

    /// <summary>fault → ticket → diagnosis → resolved, with the times between them.</summary>
    public static string Summary(DemoRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Fault is not { } fault)
        {
            return "no fault was injected";
        }

        var parts = new List<string>();
        if (record.Ticket is { } ticket)
        {
            parts.Add($"detected in {DurationText.Format(ticket.FirstSeenAt - fault.At)} (ticket #{ticket.Id} {ticket.Key})");
            parts.Add(record.Diagnosis is { } d
                ? $"diagnosed {d.Cause} in {DurationText.Format(d.CreatedAt - ticket.FirstSeenAt)} by {d.Engine}"
                : "not diagnosed");
            parts.Add(record.ResolvedAt is { } resolved && record.RecoveryStartedAt is { } recovery
                ? $"resolved {DurationText.Format(resolved - recovery)} after the recovery"
                : "not resolved");
            parts.Add($"see `operator tickets show {ticket.Id}`");
        }
        else
        {
            parts.Add("the fault was not detected");
        }

        return string.Join(" · ", parts);
    }
}
