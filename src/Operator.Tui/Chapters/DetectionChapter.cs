using System.Globalization;
using Operator.Core.Invariants;

namespace Operator.Tui.Chapters;

/// <summary>Chapter 5: the monitor notices — the ticket for the faulty node, read from the ticket database.</summary>
public sealed class DetectionChapter : IChapter
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly IDemoStory _story;

    public DetectionChapter(IDemoStory story)
    {
        _story = story;
    }

    public string Title => "Detection";

    public string Text => _story.Detection;

    public string Watch => "MONITOR: the OPENED line. CLUSTER: the node stays highlighted while its ticket is open.";

    public async Task RunAsync(IChapterContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var fault = context.Record.Fault ?? throw new ChapterFailedException("no fault was injected, so there is nothing to detect");
        context.Status($"waiting for the monitor to open a ticket for {fault.Node}…");
        var ticket = await Waiting.ForAsync(
            context.Time,
            async ct => (await context.TicketsAsync(ct).ConfigureAwait(false))
                .FirstOrDefault(t => t.Node == fault.Node && t.FirstSeenAt >= fault.At.AddMilliseconds(-1)),
            Deadline,
            $"a ticket for {fault.Node}",
            cancellationToken).ConfigureAwait(false);
        context.Record.Ticket = ticket;
        var after = (ticket.FirstSeenAt - fault.At).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        context.Status($"ticket #{ticket.Id} {ticket.Key} [{ticket.Severity.ToWire()}] opened {after} ms after the fault");
    }
}
