using Operator.Core.Tickets;
using Operator.Core.Time;
using Operator.Tui.Demo;
using Operator.Tui.State;

namespace Operator.Tui.Chapters;

/// <summary>Chapter 7: the node is brought back; the ticket auto-resolves and the workload returns to green.</summary>
public sealed class RecoveryChapter : IChapter
{
    private static readonly TimeSpan ResolveDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan WorkloadDeadline = TimeSpan.FromSeconds(20);
    private readonly DemoFault _fault;
    private readonly IDemoStory _story;

    public RecoveryChapter(DemoFault fault, IDemoStory story)
    {
        _fault = fault;
        _story = story;
    }

    public string Title => "Recovery";

    public string Text => _story.Recovery(_fault);

    public string Watch => "CLUSTER: the node green again, highlight gone. MONITOR: the RESOLVED line. WORKLOAD: back to green.";

    public async Task RunAsync(IChapterContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fault = context.Record.Fault ?? throw new ChapterFailedException("no fault was injected, so there is nothing to recover");
        context.Status($"{(_fault == DemoFault.Pause ? "resuming" : "restarting")} {fault.Node}…");
        context.Record.RecoveryStartedAt = context.Time.GetUtcNow();
        var recovered = await context.Cluster.RecoverAsync(fault, cancellationToken).ConfigureAwait(false);

        var ticket = context.Record.Ticket;
        var resolvedText = "no ticket to resolve";
        if (ticket is not null)
        {
            context.Status($"{recovered}; waiting for ticket #{ticket.Id} to resolve…");
            var resolved = await Waiting.ForAsync(
                context.Time,
                async ct => (await context.TicketsAsync(ct).ConfigureAwait(false)).FirstOrDefault(t => t.Id == ticket.Id && t.Status == TicketStatus.Resolved),
                ResolveDeadline,
                $"the auto-resolve of ticket #{ticket.Id}",
                cancellationToken).ConfigureAwait(false);
            context.Record.ResolvedAt = resolved.ResolvedAt;
            resolvedText = $"ticket #{ticket.Id} auto-resolved {DurationText.Format((resolved.ResolvedAt ?? context.Time.GetUtcNow()) - context.Record.RecoveryStartedAt.Value)} after the recovery";
        }

        context.Status($"{recovered}; {resolvedText}; waiting for the workload to recover…");
        await Waiting.ForAsync(
            context.Time,
            _ => Task.FromResult(context.Workload.Assessment.Health == WorkloadHealth.Healthy ? context.Workload : null),
            WorkloadDeadline,
            "a healthy workload",
            cancellationToken).ConfigureAwait(false);
        context.Record.WorkloadRecovered = true;
        context.Status($"{recovered}; {resolvedText}; workload back to green");
    }
}
