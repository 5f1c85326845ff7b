namespace Operator.Tui.Chapters;

/// <summary>A chapter could not do its part (no ticket within the deadline, …); the message is shown in the narration.</summary>
public sealed class ChapterFailedException : Exception
{
    public ChapterFailedException()
    {
    }

    public ChapterFailedException(string message)
        : base(message)
    {
    }

    public ChapterFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
