using Operator.Tui.Chapters;

namespace Operator.Tui.Tests.Chapters;

/// <summary>A chapter whose action runs until the test opens its gate (or fails it).</summary>
internal sealed class GateChapter : IChapter
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GateChapter(string title, bool open = false)
    {
        Title = title;
        if (open)
        {
            _gate.SetResult();
        }
    }

    public string Title { get; }

    public string Text => $"text of {Title}";

    public string Watch => $"watch of {Title}";

    public int Runs { get; private set; }

    public void Open() => _gate.TrySetResult();

    public void Fail(string reason) => _gate.TrySetException(new ChapterFailedException(reason));

    public async Task RunAsync(IChapterContext context, CancellationToken cancellationToken)
    {
        Runs++;
        context.Status($"{Title} running");
        await _gate.Task.WaitAsync(cancellationToken);
        context.Status($"{Title} done");
    }
}
