using Operator.Core.Time;
using Operator.Tui.Demo;

namespace Operator.Tui.Chapters;

/// <summary>Chapter 4: a visible countdown, then the fault.</summary>
public sealed class FaultChapter : IChapter
{
    private readonly DemoFault _fault;
    private readonly IDemoStory _story;
    private readonly int _countdownSeconds;

    public FaultChapter(DemoFault fault, IDemoStory story, int countdownSeconds = 3)
    {
        _fault = fault;
        _story = story;
        _countdownSeconds = countdownSeconds;
    }

    public string Title => "Fault injection";

    public string Text => _story.Fault(_fault);

    public string Watch => _story.FaultWatch;

    public async Task RunAsync(IChapterContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var n = _countdownSeconds; n > 0; n--)
        {
            context.Countdown($"Injecting fault in {n}…");
            await Task.Delay(TimeSpan.FromSeconds(1), context.Time, cancellationToken).ConfigureAwait(false);
        }

        context.Countdown(null);
        var injected = await context.Cluster.InjectAsync(_fault, cancellationToken).ConfigureAwait(false);
        context.Record.Fault = injected;
        context.Status($"{injected.Description} at {Timestamps.TimeOfDay(injected.At)}");
    }
}
