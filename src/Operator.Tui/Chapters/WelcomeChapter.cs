namespace Operator.Tui.Chapters;

/// <summary>Chapter 1: what the audience is looking at; brings up the cluster and starts the monitor and agent.</summary>
public sealed class WelcomeChapter : IChapter
{
    private readonly IDemoStory _story;

    public WelcomeChapter(IDemoStory story)
    {
        _story = story;
    }

    public string Title => "Welcome";

    public string Text =>
        "Operator watches a database cluster's invariants, opens a ticket the moment one breaks, and diagnoses it the way a senior SRE would. "
        + $"Everything on this screen is real: {_story.Cluster}, and the monitor and agent daemons as separate processes.";

    public string Watch => "MONITOR and AGENT stream the daemons' own output; CLUSTER is the dashboard's own view of every node.";

    public async Task RunAsync(IChapterContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Status("starting the cluster…");
        var prepared = await context.Cluster.PrepareAsync(cancellationToken).ConfigureAwait(false);
        context.Status($"{prepared}; starting the monitor and agent…");
        var daemons = await context.StartDaemonsAsync(cancellationToken).ConfigureAwait(false);
        context.Status($"{prepared}; {daemons}");
    }
}
