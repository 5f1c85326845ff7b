namespace Operator.Tui.Chapters;

/// <summary>One chapter of the demo: what the narration says, and the action that runs while it is on screen.</summary>
public interface IChapter
{
    string Title { get; }

    /// <summary>What is happening, for the audience.</summary>
    string Text { get; }

    /// <summary>Where to look and what to look for.</summary>
    string Watch { get; }

    /// <summary>
    /// The chapter's action, started when the chapter is entered; advancing waits until it returns. Reports
    /// progress through <see cref="IChapterContext.Status"/>; throws <see cref="ChapterFailedException"/> when it
    /// cannot do its part.
    /// </summary>
    Task RunAsync(IChapterContext context, CancellationToken cancellationToken);
}
