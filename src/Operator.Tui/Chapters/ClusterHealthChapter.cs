using Operator.Core.Tickets;

namespace Operator.Tui.Chapters;

/// <summary>Chapter 2: a healthy cluster — every member up, one leader, no open tickets.</summary>
public sealed class ClusterHealthChapter : IChapter
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly IDemoStory _story;

    public ClusterHealthChapter(IDemoStory story)
    {
        _story = story;
    }

    public string Title => "Cluster health";

    public string Text => _story.Health;

    public string Watch => "CLUSTER: every node green, ★ on the leader. MONITOR: one heartbeat line per cycle with 0 violations.";

    public async Task RunAsync(IChapterContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Status("waiting for every member to answer and agree on a leader…");
        var healthy = await Waiting.ForAsync(
            context.Time,
            async ct =>
            {
                var o = context.LatestObservation;
                if (o is null || o.Nodes.Count == 0 || o.Nodes.Any(n => !n.IsUp) || o.Leader is null)
                {
                    return null;
                }

                var open = (await context.TicketsAsync(ct).ConfigureAwait(false)).Count(t => t.Status != TicketStatus.Resolved);
                return open == 0 ? o : null;
            },
            Deadline,
            "a healthy cluster (every member up, a leader, no open tickets)",
            cancellationToken).ConfigureAwait(false);
        context.Status($"{healthy.Nodes.Count}/{healthy.Nodes.Count} members up, leader {healthy.Leader!.Name}, no open tickets");
    }
}
