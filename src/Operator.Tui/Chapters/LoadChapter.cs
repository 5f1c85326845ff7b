using System.Globalization;
using Operator.Tui.State;

namespace Operator.Tui.Chapters;

/// <summary>Chapter 3: traffic — the workload generator starts and settles on a baseline.</summary>
public sealed class LoadChapter : IChapter
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly IDemoStory _story;

    public LoadChapter(IDemoStory story)
    {
        _story = story;
    }

    public string Title => "Load";

    public string Text => _story.Load;

    public string Watch => "WORKLOAD: throughput over the last minute, p99 latency and errors; green while healthy.";

    public async Task RunAsync(IChapterContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Status("starting the workload generator…");
        var started = await context.StartLoadAsync(cancellationToken).ConfigureAwait(false);
        context.Status($"{started}; measuring a baseline…");
        var settled = await Waiting.ForAsync(
            context.Time,
            _ => Task.FromResult(context.Workload.Assessment.Baseline is not null ? context.Workload : null),
            Deadline,
            "a steady workload baseline",
            cancellationToken).ConfigureAwait(false);
        context.Status(Describe(started, settled));
    }

    private static string Describe(string started, WorkloadPanelState w)
    {
        var p99 = w.Current?.P99Ms is { } p ? $", p99 {p.ToString("0.0", CultureInfo.InvariantCulture)} ms" : string.Empty;
        return $"{started}; baseline {w.Assessment.Baseline!.Value.ToString("#,0", CultureInfo.InvariantCulture)} ops/s{p99}";
    }
}
